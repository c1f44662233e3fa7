// The flow as a graph: which step leads to which, and under which exit, read off the step kinds'
// specs. Shared by the lint rules (reachability, consent order) and exported for the designer.
import { pointer } from '../diagnostics';
import type { Flow, FlowNode } from '../format/schema';
import { exitsOf } from '../nodes';

export interface Edge {
  /** Target node id. */
  to: string;
  /** The exit that takes this edge (the spec's exit name): `next`, `yes`, `no`, `unclear`, `open`, `closed`, `fallback`, `default`, or a branch option id. */
  outcome: string;
  /** JSON Pointer of the reference, e.g. `/nodes/einwilligung/next/yes`. */
  path: string;
}

/** The outgoing edges of one node, in document order. */
export function edgesOf(id: string, node: FlowNode): Edge[] {
  return exitsOf(node).map((e) => ({ to: e.target, outcome: e.exit, path: pointer('nodes', id, ...e.path) }));
}

/** The steps a node leads to directly, in document order. */
export const successors = (node: FlowNode): string[] => exitsOf(node).map((e) => e.target);

export type EdgeFn = (id: string, node: FlowNode) => readonly Edge[];

/** edgesOf, remembered per node id: for one flow that several rules walk (do not reuse across flows). */
export function memoEdges(): EdgeFn {
  const memo = new Map<string, readonly Edge[]>();
  return (id, node) => {
    let edges = memo.get(id);
    if (edges === undefined) {
      edges = edgesOf(id, node);
      memo.set(id, edges);
    }
    return edges;
  };
}

/** Entry points that can fire anywhere in a call: keyword triggers and the human escape. */
export function globalEdges(flow: Flow): Edge[] {
  const edges: Edge[] = flow.triggers.flatMap((t, i) =>
    t.goto === undefined
      ? []
      : [{ to: t.goto, outcome: `trigger:${t.id}`, path: pointer('triggers', i, 'goto') }],
  );
  edges.push({ to: flow.humanEscape.target, outcome: 'humanEscape', path: '/humanEscape/target' });
  return edges;
}

/** Node ids reachable from `from` (inclusive) following `follow` (default: every edge). */
export function reachable(
  nodes: Readonly<Record<string, FlowNode>>,
  from: readonly string[],
  follow?: (id: string, node: FlowNode, edge: Edge) => boolean,
  edges: EdgeFn = edgesOf,
): Set<string> {
  const seen = new Set<string>();
  const queue = from.filter((id) => Object.hasOwn(nodes, id));
  for (const id of queue) seen.add(id);
  while (queue.length > 0) {
    const id = queue.pop() as string;
    const node = nodes[id];
    for (const edge of edges(id, node)) {
      if (
        !seen.has(edge.to) &&
        Object.hasOwn(nodes, edge.to) &&
        (follow === undefined || follow(id, node, edge))
      ) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}
