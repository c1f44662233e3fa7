// Undo/redo as snapshots of the editable document (flow-level data + graph). Snapshots share
// unchanged objects structurally, so 100 of them cost little even on big flows.
import type { Flow } from '../../../engine/src/flow/format/schema';
import type { StepEdge, StepGraphNode } from '../graph/convert';

export interface Snapshot {
  base: Flow;
  nodes: StepGraphNode[];
  edges: StepEdge[];
}

export const HISTORY_LIMIT = 100;

export interface History {
  past: Snapshot[];
  future: Snapshot[];
  /** Key of the last coalescable change (typing into one field); same key → no new entry. */
  coalesceKey: string | null;
}

export const emptyHistory = (): History => ({ past: [], future: [], coalesceKey: null });

export function record(h: History, current: Snapshot, coalesceKey: string | null = null): History {
  if (coalesceKey !== null && coalesceKey === h.coalesceKey) return h;
  return { past: [...h.past.slice(-(HISTORY_LIMIT - 1)), current], future: [], coalesceKey };
}

export function undo(h: History, current: Snapshot): { history: History; snapshot: Snapshot } | null {
  const prev = h.past.at(-1);
  if (!prev) return null;
  return {
    history: { past: h.past.slice(0, -1), future: [current, ...h.future], coalesceKey: null },
    snapshot: prev,
  };
}

export function redo(h: History, current: Snapshot): { history: History; snapshot: Snapshot } | null {
  const next = h.future[0];
  if (!next) return null;
  return {
    history: { past: [...h.past, current], future: h.future.slice(1), coalesceKey: null },
    snapshot: next,
  };
}
