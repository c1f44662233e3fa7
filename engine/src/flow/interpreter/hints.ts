// Phrase hints for speech recognition, per node: what the caller is likely to say there
// (choices, branch keywords) plus what they may say anywhere (triggers, human escape).
// Computed once per compiled flow and node; the arrays are frozen and shared.
import type { CompiledFlow } from '../compiled';
import type { FlowNode } from '../format/schema';

const MAX_HINTS = 100;
const cache = new WeakMap<CompiledFlow, Map<string, readonly string[]>>();

function nodeHints(node: FlowNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'branch') return node.options.flatMap((o) => [o.label, ...o.keywords]);
  if (node.kind === 'intake') {
    return node.fields.flatMap((f) => (f.choices ?? []).flatMap((c) => [c.label, ...(c.keywords ?? [])]));
  }
  return [];
}

export function hintsFor(flow: CompiledFlow, nodeId: string): string[] {
  let perFlow = cache.get(flow);
  if (!perFlow) {
    perFlow = new Map();
    cache.set(flow, perFlow);
  }
  let hints = perFlow.get(nodeId);
  if (!hints) {
    const all = [
      ...nodeHints(flow.nodes[nodeId]),
      ...flow.flow.triggers.flatMap((t) => t.keywords),
      ...flow.flow.humanEscape.keywords,
    ];
    hints = Object.freeze([...new Set(all)].slice(0, MAX_HINTS));
    perFlow.set(nodeId, hints);
  }
  return hints as string[];
}
