// Nodes in the order a caller meets them (breadth-first from `start`), so documents list the
// details in the order they are asked, not in the alphabetical order of a canonical file.
import type { Flow, FlowNode } from '../format/schema';
import { exitsOf } from '../nodes';

/** Where a step leads; a draft's unconnected exits are left out. */
const targets = (node: FlowNode): string[] =>
  exitsOf(node)
    .map((e) => e.target)
    .filter((x): x is string => typeof x === 'string');

export function nodeOrder(flow: Flow): string[] {
  const seen = new Set<string>();
  const queue = [flow.start];
  const visit = () => {
    while (queue.length) {
      const id = queue.shift() as string;
      if (seen.has(id) || !flow.nodes[id]) continue;
      seen.add(id);
      queue.push(...targets(flow.nodes[id]));
    }
  };
  visit();
  // Then what triggers and the human escape lead to, then anything unreachable.
  queue.push(...flow.triggers.flatMap((tr) => (tr.goto ? [tr.goto] : [])), flow.humanEscape.target);
  visit();
  return [...seen, ...Object.keys(flow.nodes).filter((id) => !seen.has(id))];
}
