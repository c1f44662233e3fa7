// Results of the live check (the engine's loader + linter run in the browser), kept apart from
// the editor store so a canvas card re-renders only when its own problems change.
import { create } from 'zustand';
import type { Diagnostic } from '../../../engine/src/flow/diagnostics';

export interface CheckState {
  revision: number;
  diagnostics: Diagnostic[];
  byNode: ReadonlyMap<string, Diagnostic[]>;
  /** Milliseconds of the last check itself (checkFlow + wording), where it ran. */
  ms: number;
  /** From the edit's frame until the result arrived (includes the worker round trip). */
  latencyMs: number;
  /** Main-thread time of the last request (graph → flow + posting it to the worker). */
  mainThreadMs: number;
  set(revision: number, diagnostics: Diagnostic[], ms: number, latencyMs?: number): void;
  setMainThread(ms: number): void;
}

const NONE: Diagnostic[] = [];

export const useCheck = create<CheckState>()((set) => ({
  revision: -1,
  diagnostics: NONE,
  byNode: new Map(),
  ms: 0,
  latencyMs: 0,
  mainThreadMs: 0,
  setMainThread: (mainThreadMs) => set({ mainThreadMs }),
  set(revision, diagnostics, ms, latencyMs = ms) {
    const byNode = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      if (!d.nodeId) continue;
      const list = byNode.get(d.nodeId);
      if (list) list.push(d);
      else byNode.set(d.nodeId, [d]);
    }
    set({ revision, diagnostics, byNode, ms, latencyMs });
  },
}));

export const nodeProblems = (id: string) => (s: CheckState) => s.byNode.get(id) ?? NONE;
