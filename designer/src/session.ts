// Who is logged in (or whether we work offline), plus server-provided lists the editor needs.
import { create } from 'zustand';
import type { Me, HandoffTarget } from './api';

export type Screen =
  | { name: 'login' }
  | { name: 'flows' }
  | { name: 'numbers' }
  | { name: 'editor' }
  | { name: 'inbox' }
  | { name: 'receipts' }
  | { name: 'organisations' }
  | { name: 'admin-numbers' }
  | { name: 'targets' }
  /** The invitation link's page: set name and password (token from the URL fragment). */
  | { name: 'invitation'; token: string };

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
