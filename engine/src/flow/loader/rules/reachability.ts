// Every step should be reachable, and from every step the call must be able to finish: at a
// goodbye (`end`) or with a human (`handoff`). A path that can never finish traps the caller.
import { error, pointer, warning, type Diagnostic } from '../../diagnostics';
import type { FlowNode } from '../../format/schema';
import { edgesOf, globalEdges, reachable, type EdgeFn } from '../graph';
import type { Rule } from './context';

/** Steps from which an `end` or `handoff` can be reached (backwards search from them). */
export function finishingNodes(
  nodes: Readonly<Record<string, FlowNode>>,
  edges: EdgeFn = edgesOf,
): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const [id, node] of Object.entries(nodes)) {
    for (const edge of edges(id, node)) {
      const list = incoming.get(edge.to);
      if (list) list.push(id);
      else incoming.set(edge.to, [id]);
    }
  }
  const queue = Object.keys(nodes).filter((id) => nodes[id].kind === 'end' || nodes[id].kind === 'handoff');
  const seen = new Set(queue);
  while (queue.length > 0) {
    for (const from of incoming.get(queue.pop() as string) ?? []) {
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return seen;
}

export const reachability: Rule = ({ flow, nodes, edges }) => {
  const out: Diagnostic[] = [];
  const entries = [flow.start, ...globalEdges(flow).map((e) => e.to)];
  const live = reachable(nodes, entries, undefined, edges);
  const finishing = finishingNodes(nodes, edges);
  for (const id of Object.keys(nodes)) {
    if (!live.has(id)) {
      out.push(
        warning(
          'graph.unreachable',
          pointer('nodes', id),
          `Der Schritt „${id}“ wird nie erreicht: Kein anderer Schritt führt zu ihm.`,
          `Step “${id}” is never reached: no other step leads to it.`,
        ),
      );
    }
    if (!finishing.has(id)) {
      out.push(
        error(
          'graph.no-end',
          pointer('nodes', id),
          `Vom Schritt „${id}“ aus endet das Gespräch nie: Kein Weg führt zu einer Verabschiedung oder einer Weiterleitung an Mitarbeitende.`,
          `From step “${id}” the call never ends: no path leads to a goodbye or a transfer to staff.`,
        ),
      );
    }
  }
  return out;
};
