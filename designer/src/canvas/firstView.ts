// Where the canvas opens: the whole flow when it fits at a readable zoom, else the start step and
// what follows it at a readable zoom — never 30 cards of 5 px text.
import { getNodesBounds, getViewportForBounds, type Viewport } from '@xyflow/react';
import type { StepEdge, StepGraphNode } from '../graph/convert';

/** Card text (12 px) stays readable down to this zoom. */
export const READABLE_ZOOM = 0.8;
const PADDING = 0.1;

/** The start step and the steps right after it (the first thing a reader wants to see). */
export function startArea(nodes: StepGraphNode[], edges: StepEdge[], start: string): StepGraphNode[] {
  const ids = new Set([start]);
  for (const e of edges) if (e.source === start && ids.size < 4) ids.add(e.target);
  return nodes.filter((n) => ids.has(n.id));
}

export function firstView(
  nodes: StepGraphNode[],
  edges: StepEdge[],
  start: string,
  size: { width: number; height: number },
): Viewport | null {
  if (nodes.length === 0 || size.width === 0 || size.height === 0) return null;
  const all = getViewportForBounds(getNodesBounds(nodes), size.width, size.height, 0.05, 1, PADDING);
  if (all.zoom >= READABLE_ZOOM) return all;
  const area = startArea(nodes, edges, start);
  const focus = area.length ? area : nodes.slice(0, 1);
  const view = getViewportForBounds(
    getNodesBounds(focus),
    size.width,
    size.height,
    READABLE_ZOOM,
    1,
    PADDING,
  );
  // The start at the top of the screen, the rest of the flow below it.
  const top = Math.min(...focus.map((n) => n.position.y));
  return { ...view, y: Math.min(view.y, size.height * PADDING - top * view.zoom) };
}
