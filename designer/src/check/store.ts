// Results of the live check (the engine's loader + linter run in the browser), kept apart from
// the editor store so a canvas card re-renders only when its own problems change.
import { create } from 'zustand';
import type { Diagnostic } from '../../../engine/src/flow/diagnostics';

export interface CheckState {
  revision: number;
  diagnostics: Diagnostic[];
  byNode: ReadonlyMap<string, Diagnostic[]>;
  /** Milliseconds of the last check (for the benchmark and the curious). */
  ms: number;
  set(revision: number, diagnostics: Diagnostic[], ms: number): void;
}

const NONE: Diagnostic[] = [];

export const useCheck = create<CheckState>()((set) => ({
  revision: -1,
  diagnostics: NONE,
  byNode: new Map(),
  ms: 0,
  set(revision, diagnostics, ms) {
    const byNode = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      if (!d.nodeId) continue;
      const list = byNode.get(d.nodeId);
      if (list) list.push(d);
      else byNode.set(d.nodeId, [d]);
    }
    set({ revision, diagnostics, byNode, ms });
  },
}));

export const nodeProblems = (id: string) => (s: CheckState) => s.byNode.get(id) ?? NONE;
