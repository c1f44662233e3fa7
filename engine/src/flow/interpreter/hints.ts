// Phrase hints for speech recognition, per node and expected answer: what the caller is likely
// to say there (choices, branch keywords), what they may say anywhere (triggers, human escape)
// and the usual words for the expected type of answer (dates, times, digits, yes/no … in the
// flow's language, vocabulary.ts). The flow's own words come first: they matter most when the
// list is cut at MAX_HINTS. Computed once per compiled flow, node and expectation; the arrays
// are frozen and shared.
import type { ListenExpect } from '../call/types';
import type { CompiledFlow } from '../compiled';
import type { FlowNode } from '../format/schema';
import { langOf } from '../nlu';
import { specOf } from '../nodes';
import { vocabularyFor } from './vocabulary';

const MAX_HINTS = 100;
const cache = new WeakMap<CompiledFlow, Map<string, readonly string[]>>();

function nodeHints(node: FlowNode | undefined): string[] {
  return (node && specOf(node)?.hints?.(node)) ?? [];
}

export function hintsFor(flow: CompiledFlow, nodeId: string, expect: ListenExpect = 'free'): string[] {
  let perFlow = cache.get(flow);
  if (!perFlow) {
    perFlow = new Map();
    cache.set(flow, perFlow);
  }
  const key = `${expect}\u0000${nodeId}`;
  let hints = perFlow.get(key);
  if (!hints) {
    const all = [
      ...nodeHints(flow.nodes[nodeId]),
      ...flow.flow.triggers.flatMap((t) => t.keywords),
      ...flow.flow.humanEscape.keywords,
      ...vocabularyFor(expect, langOf(flow.flow.language)),
    ];
    hints = Object.freeze([...new Set(all)].slice(0, MAX_HINTS));
    perFlow.set(key, hints);
  }
  return hints as string[];
}
