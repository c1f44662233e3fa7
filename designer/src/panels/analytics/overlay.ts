// The canvas overlay's slice: per node "reached", hang-up rate and the exits taken, filled by the
// Auswertung tab with the calls its filter selects (period, version, test calls).
// Cards read one primitive-ish entry each, so toggling the overlay re-renders only the cards.
import { create } from 'zustand';
import type { AnalyticsNode } from '../../api';

export interface NodeHeat {
  entered: number;
  hungUp: number;
  /** 0..1, null when nobody reached the node. */
  hangUpRate: number | null;
  /** How callers left the node: exit label → count (see exits.ts for the words). */
  left: Record<string, number>;
}

interface OverlayState {
  on: boolean;
  /** The flow the counters belong to: cards of another flow show nothing (no stale numbers). */
  flowId: string | null;
  nodes: Record<string, NodeHeat>;
  setOn(on: boolean): void;
  setNodes(flowId: string, nodes: AnalyticsNode[]): void;
}

export const useAnalyticsOverlay = create<OverlayState>((set) => ({
  on: false,
  flowId: null,
  nodes: {},
  setOn: (on) => set({ on }),
  setNodes: (flowId, list) =>
    set({
      flowId,
      nodes: Object.fromEntries(
        list.map((n) => [
          n.node,
          { entered: n.entered, hungUp: n.hungUp, hangUpRate: n.hangUpRate, left: n.left },
        ]),
      ),
    }),
}));

/** Heat colour: green (nobody hangs up) → red (half or more hang up here). */
export function heatColor(rate: number | null): string {
  if (rate === null) return '#cbd2d9';
  const x = Math.min(1, rate * 2);
  return `hsl(${Math.round(120 * (1 - x))} 70% 42%)`;
}

export const percent = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 100)} %`);
