// Which exit a node was left by, from the node's definition and the state after the step.
// Pure. The caller's words are used only to tell "asked for a human" apart from a regular exit
// that happens to lead to the same node; nothing of them is kept.
import type { CompiledFlow } from '../flow/compiled';
import type { CallEvent, CallState } from '../flow/call/types';
import { specOf } from '../flow/nodes';
import { isHumanRequest, langOf } from '../flow/nlu';

/**
 * The exit `from` was left by towards `to`: the step kind's own exit name (nodes/<kind>.ts),
 * chosen among several to the same step by what the state proves; `jump` when none leads there.
 */
export function regularExit(flow: CompiledFlow, from: string, to: string, after: CallState): string {
  const node = flow.nodes[from];
  const spec = node && specOf(node);
  if (!spec) return 'jump';
  const candidates = spec
    .exits(node)
    .filter((e) => e.target === to)
    .map((e) => e.exit);
  if (candidates.length === 0) return 'jump';
  return spec.countedExit?.(node, candidates, after) ?? candidates[0];
}

export function asksForHuman(flow: CompiledFlow, event: CallEvent): boolean {
  const escape = flow.flow.humanEscape;
  if (event.type === 'dtmf') return event.digit === escape.dtmf;
  if (event.type !== 'utterance' || event.final === false) return false;
  return isHumanRequest(event.text, langOf(flow.flow.language), escape.keywords);
}

/** How `from` (the node the event arrived in) was left towards `to`. */
export function exitOnEvent(
  flow: CompiledFlow,
  from: string,
  to: string,
  event: CallEvent,
  ctx: { firedNow: readonly string[]; human: boolean; after: CallState },
): string {
  const { firedNow, human, after } = ctx;
  const trigger = flow.flow.triggers.find((t) => firedNow.includes(t.id) && t.goto === to);
  if (trigger) return `trigger:${trigger.id}`;
  const escapeTarget = flow.flow.humanEscape.target;
  if (to === escapeTarget && human) return 'human';
  const regular = regularExit(flow, from, to, after);
  if (to === escapeTarget && event.type === 'silence' && regular === 'jump') return 'silence';
  return regular;
}
