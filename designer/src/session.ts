// Who is logged in (or whether we work offline), plus server-provided lists the editor needs.
import { create } from 'zustand';
import type { Me, HandoffTarget } from './api';
import type { Screen } from './routing/routes';

export type { Screen };

interface SessionState {
  me: Me | null;
  offline: boolean;
  screen: Screen;
  transferTargets: HandoffTarget[] | null;
  set(p: Partial<Omit<SessionState, 'set'>>): void;
}

export const useSession = create<SessionState>()((set) => ({
  me: null,
  offline: false,
  screen: { name: 'login' },
  transferTargets: null,
  set: (p) => set(p),
}));
