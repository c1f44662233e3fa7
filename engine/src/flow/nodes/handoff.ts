// Weiterleitung an Mitarbeitende: outside business hours (when `respectHours`, the default)
// straight to `fallback`; otherwise announce and transfer to the allow-listed target from the
// flow. Answered → the call is handed over (record delivered, no hangup); no answer, busy or
// failed → `fallback`. While the phone rings, the caller's words are not processed.
import type { HandoffNode } from '../format/schema';
import { isOpen } from '../interpreter/hours';
import { phrase } from '../interpreter/phrases';
import { sayPrompt, type Ctx } from '../interpreter/context';
import { fillTemplate } from '../interpreter/template';
import { finish, goto } from '../interpreter/transitions';
import type { NodeBehaviour } from './behaviour';

/**
 * Default whisper: that the call comes from the assistant, and the caller's name if known.
 * Deliberately not the concern: the whisper is synthesised by the TTS vendor, and a concern may
 * be special-category data (privacy.md: keep what the voice vendor sees minimal).
 */
function whisperOf(ctx: Ctx, node: HandoffNode): string {
  if (node.whisper !== undefined) return fillTemplate(node.whisper, ctx.s.record.fields, ctx.lang);
  const parts: string[] = [phrase('whisper', ctx.lang)];
  const name = Object.values(ctx.flow.nodes)
    .flatMap((n) => (n.kind === 'intake' ? n.fields : []))
    .find((f) => f.role === 'callerName');
  const value = name && ctx.s.record.fields[name.key];
  if (name && value) parts.push(`${name.label}: ${String(value.value)}.`);
  return parts.join(' ');
}

export const handoff: NodeBehaviour<HandoffNode> = {
  enter(ctx, node) {
    if ((node.respectHours ?? true) && !isOpen(ctx.flow.flow.settings.businessHours, ctx.at)) {
      ctx.s.record.handoff = { target: node.target, outcome: 'closed' };
      goto(ctx, node.next.fallback);
      return;
    }
    sayPrompt(ctx, 'announce', node.announce, { bargeIn: false });
    ctx.out.push({
      type: 'transfer',
      target: node.target,
      whisper: whisperOf(ctx, node),
      ringSeconds: node.ringSeconds ?? 20,
    });
    ctx.s.phase = 'transfer';
  },
  handoffResult(ctx, node, outcome) {
    if (ctx.s.phase !== 'transfer') return;
    ctx.s.record.handoff = { target: node.target, outcome };
    if (outcome === 'answered') finish(ctx, 'handed-off', { hangUp: false });
    else goto(ctx, node.next.fallback);
  },
};
