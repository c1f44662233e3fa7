// Which exit a node was left by, from the node's definition and the state after the step.
// Pure. The caller's words are used only to tell "asked for a human" apart from a regular exit
// that happens to lead to the same node; nothing of them is kept.
import type { CompiledFlow } from '../flow/compiled';
import type { FlowNode } from '../flow/format/schema';
import type { CallEvent, CallState } from '../flow/call/types';
import { isHumanRequest, langOf } from '../flow/nlu';

/** The regular exits of a node as [label, target] pairs, in the order they are preferred. */
function exitsOf(node: FlowNode): [string, string][] {
  switch (node.kind) {
    case 'consent':
      return [
        ['yes', node.next.yes],
        ['no', node.next.no],
        ['unclear', node.next.unclear],
      ];
    case 'branch':
      return [...node.options.map((o): [string, string] => [o.id, o.next]), ['default', node.default]];
    case 'handoff':
      return [['fallback', node.next.fallback]];
    case 'hours':
      return [
        ['open', node.next.open],
        ['closed', node.next.closed],
      ];
    case 'intake':
    case 'callback':
      return [['done', node.next]];
    case 'say':
      return [['next', node.next]];
    default:
      return [];
  }
}

const CONSENT_LABEL: Record<string, string> = { given: 'yes', refused: 'no', unclear: 'unclear' };

/** Among several exits to the same node, the one the state proves (consent answer, transfer result). */
function provenLabel(node: FlowNode, after: CallState): string | undefined {
  if (node.kind === 'consent') return CONSENT_LABEL[after.record.consent];
  if (node.kind === 'handoff') return after.record.handoff?.outcome;
  return undefined;
}

export function regularExit(flow: CompiledFlow, from: string, to: string, after: CallState): string {
  const node = flow.nodes[from];
  if (!node) return 'jump';
  const matching = exitsOf(node).filter(([, target]) => target === to);
  if (matching.length === 0) return 'jump';
  const proven = provenLabel(node, after);
  if (node.kind === 'handoff') return proven ?? 'fallback';
  if (proven && matching.some(([label]) => label === proven)) return proven;
  return matching[0]![0];
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
