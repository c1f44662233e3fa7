// Nodes in the order a caller meets them (breadth-first from `start`), so documents list the
// details in the order they are asked, not in the alphabetical order of a canonical file.
import type { Flow, FlowNode } from '../format/schema';

function targets(node: FlowNode): string[] {
  return edges(node).filter((x): x is string => typeof x === 'string');
}

function edges(node: FlowNode): unknown[] {
  switch (node.kind) {
    case 'consent':
      return [node.next.yes, node.next.no, node.next.unclear];
    case 'hours':
      return [node.next.open, node.next.closed];
    case 'handoff':
      return [node.next.fallback];
    case 'branch':
      return [...node.options.map((o) => o.next), node.default];
    case 'end':
      return [];
    default:
      return [node.next];
  }
}

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
