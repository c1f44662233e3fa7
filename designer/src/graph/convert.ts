// Pure graph ⇄ flow conversion. The canvas works on a graph (steps with positions, edges for
// outcomes); the flow JSON is what is saved, checked and run. Edges are the truth for where an
// outcome leads: graphToFlow writes every outcome from the edges ("" when not connected), so
// connecting/disconnecting on the canvas needs no second bookkeeping. Round trip:
// graphToFlow(flowToGraph(f), f) equals f, layout included.
import type { Node } from '@xyflow/react';
import type { Flow, FlowNode } from '../../../engine/src/flow/format/schema';
import { definitionOf } from '../nodes/registry';

export interface StepData extends Record<string, unknown> {
  node: FlowNode;
  /** false when the flow had no layout entry for this step (it was placed on a grid). */
  placed: boolean;
  /** The editor's own name for the card, kept when its id follows a new title (so the open
   * inspector and typing into it carry on); never saved. */
  editKey?: string;
}

/** A step on the canvas: xyflow's node with our data (`initialWidth/Height` from CARD_SIZE, a size
 * estimate before the card is measured, so big flows draw only what is on screen). */
export type StepGraphNode = Node<StepData, 'step'>;

export const CARD_SIZE = { initialWidth: 260, initialHeight: 140 } as const;

export interface StepEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  selected?: boolean;
}

export interface FlowGraph {
  nodes: StepGraphNode[];
  edges: StepEdge[];
}

export const edgeId = (source: string, handle: string): string => `${source}>${handle}`;

const GRID_X = 320;
const GRID_Y = 200;

/**
 * The canvas edges of one step (one per connected outcome handle), in handle order; empty targets
 * are "not connected". Not the engine's `edgesOf` (flow/loader/graph.ts): that one is the flow's
 * graph as the linter walks it, with outcomes and JSON Pointers.
 */
export function canvasEdgesOf(id: string, node: FlowNode): StepEdge[] {
  const def = definitionOf(node);
  const edges: StepEdge[] = [];
  for (const handle of def.outputs(node)) {
    const target = def.getTarget(node, handle.id);
    if (target) edges.push({ id: edgeId(id, handle.id), source: id, sourceHandle: handle.id, target });
  }
  return edges;
}

export function flowToGraph(flow: Flow): FlowGraph {
  const ids = Object.keys(flow.nodes);
  const nodes = ids.map((id, i): StepGraphNode => {
    const pos = flow.layout?.nodes[id];
    return {
      id,
      type: 'step',
      ...CARD_SIZE,
      position: pos ? { x: pos.x, y: pos.y } : { x: (i % 4) * GRID_X, y: Math.floor(i / 4) * GRID_Y },
      data: { node: flow.nodes[id], placed: pos !== undefined },
    };
  });
  return { nodes, edges: ids.flatMap((id) => canvasEdgesOf(id, flow.nodes[id])) };
}

/** The step as the flow stores it: every outcome taken from the edges. */
function nodeWithEdges(id: string, node: FlowNode, edgesBySource: Map<string, StepEdge[]>): FlowNode {
  const def = definitionOf(node);
  let out = node;
  for (const handle of def.outputs(node)) out = def.withTarget(out, handle.id, '');
  for (const edge of edgesBySource.get(id) ?? []) out = def.withTarget(out, edge.sourceHandle, edge.target);
  return out;
}

export function graphToFlow(graph: FlowGraph, base: Flow): Flow {
  const edgesBySource = new Map<string, StepEdge[]>();
  for (const e of graph.edges) {
    const list = edgesBySource.get(e.source);
    if (list) list.push(e);
    else edgesBySource.set(e.source, [e]);
  }
  const nodes: Record<string, FlowNode> = {};
  const positions: Record<string, { x: number; y: number }> = {};
  for (const n of graph.nodes) {
    nodes[n.id] = nodeWithEdges(n.id, n.data.node, edgesBySource);
    if (n.data.placed) positions[n.id] = { x: n.position.x, y: n.position.y };
  }
  const { layout: baseLayout, nodes: _old, ...meta } = base;
  const withLayout = baseLayout !== undefined || Object.keys(positions).length > 0;
  return withLayout ? { ...meta, nodes, layout: { nodes: positions } } : { ...meta, nodes };
}
