// Automatic layout with elkjs: layered, top to bottom, edges leave from the labelled handles.
// elk.bundled runs in the page (no worker file, no eval), which the strict CSP allows. It is
// big (~1.5 MB), so it is loaded only when the user asks for a layout.
import type { ELK } from 'elkjs/lib/elk-api';
import type { StepEdge, StepGraphNode } from '../graph/convert';

let elkPromise: Promise<ELK> | null = null;
const getElk = (): Promise<ELK> =>
  (elkPromise ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));
const WIDTH = 260;
const HEIGHT = 150;

export async function autoLayout(
  nodes: StepGraphNode[],
  edges: StepEdge[],
  sizes: ReadonlyMap<string, { width?: number; height?: number }> = new Map(),
): Promise<Record<string, { x: number; y: number }>> {
  const ids = new Set(nodes.map((n) => n.id));
  const elk = await getElk();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '50',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: sizes.get(n.id)?.width ?? WIDTH,
      height: sizes.get(n.id)?.height ?? HEIGHT,
    })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out: Record<string, { x: number; y: number }> = {};
  for (const c of result.children ?? []) out[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return out;
}
