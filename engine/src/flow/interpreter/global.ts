// Behaviour that applies in every node, before the node sees the event:
// - the human escape (words in de/en plus the flow's keywords, and the DTMF key) → humanEscape.target;
//   if a transfer already failed or the office is closed, the caller is told and the current
//   question is asked again instead of trying the same transfer once more;
// - keyword triggers (after consent only: nothing the caller says is evaluated before they
//   agreed): each fires once, sets its flag and priority, and optionally jumps;
// - silence: "Sind Sie noch da?" and the question again, up to limits.maxSilences in a row, then
//   the human-escape handoff (if not tried yet) or a polite end.
// Before consent, both the escape and the silence escalation take the consent step's `no` exit:
// asking for a human instead of answering is not consent, and the linter proves that this exit
// reaches a human without collecting anything — the global escape target may later fall back to
// a callback request that asks for a number, which needs consent.
import { currentNode, limitsOf, sayPhrase, type Ctx } from '../call/context';
import type { Trigger } from '../format/schema';
import { isHumanRequest, matchKeywords } from '../nlu';
import { specOf } from '../nodes';
import { goto, politeEnd } from './transitions';

function transferFailedBefore(ctx: Ctx): boolean {
  const h = ctx.s.record.handoff;
  return h !== undefined && h.outcome !== 'answered';
}

function resume(ctx: Ctx): void {
  const node = currentNode(ctx);
  specOf(node)?.behaviour.reprompt?.(ctx, node);
}

/** Where "a human, please" leads right now: the escape target, or before consent the refusal exit. */
function humanTarget(ctx: Ctx): string | undefined {
  if (ctx.s.record.consent === 'given') return ctx.flow.flow.humanEscape.target;
  const node = currentNode(ctx);
  // Not at the consent step and not consented: the caller is already on the refusal path, which
  // the linter guarantees leads to a human.
  return node.kind === 'consent' ? node.next.no : undefined;
}

export function escapeToHuman(ctx: Ctx): void {
  const target = humanTarget(ctx);
  if (target === undefined || (ctx.s.node === target && ctx.s.phase === 'transfer')) return;
  if (transferFailedBefore(ctx)) {
    sayPhrase(ctx, 'nobodyAvailable');
    resume(ctx);
    return;
  }
  goto(ctx, target);
}

export function wantsHuman(ctx: Ctx, text: string): boolean {
  return isHumanRequest(text, ctx.lang, ctx.flow.flow.humanEscape.keywords);
}

/** The triggers `text` would fire now: after consent only, each once. Read-only. */
export function triggersIn(ctx: Ctx, text: string): Trigger[] {
  if (ctx.s.record.consent !== 'given') return [];
  return ctx.flow.flow.triggers.filter(
    (t) => !ctx.s.fired.includes(t.id) && matchKeywords(text, t.keywords, ctx.lang) !== null,
  );
}

/** Fires the triggers found in `text`. Returns true when one of them moved the call elsewhere. */
export function fireTriggers(ctx: Ctx, text: string): boolean {
  const r = ctx.s.record;
  let jump: string | undefined;
  for (const t of triggersIn(ctx, text)) {
    ctx.s.fired.push(t.id);
    if (t.flag !== undefined && !r.flags.includes(t.flag)) r.flags.push(t.flag);
    if (t.priority === 'urgent') r.priority = 'urgent';
    jump ??= t.goto;
  }
  if (jump === undefined) return false;
  goto(ctx, jump);
  return true;
}

export function onSilence(ctx: Ctx): void {
  if (++ctx.s.silences <= limitsOf(ctx.flow).maxSilences) {
    sayPhrase(ctx, 'stillThere');
    resume(ctx);
    return;
  }
  const target = humanTarget(ctx);
  const handoffReachable =
    target !== undefined &&
    (ctx.s.record.consent !== 'given' || ctx.flow.nodes[target]?.kind === 'handoff') &&
    ctx.s.record.handoff === undefined;
  if (handoffReachable && ctx.s.node !== target) goto(ctx, target);
  else politeEnd(ctx, 'silenceEnd');
}
