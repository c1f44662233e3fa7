// Rückrufwunsch, the number: a callback is only worth noting with a number to call. It comes from
// the collected detail (`numberField`, else the detail with role callbackNumber). When there is
// none — the caller asked for a human before giving it, or it was listed as missing — the step
// secures one itself: the caller ID, read back for confirmation ("Sollen wir Sie unter der Nummer …
// zurückrufen?"), else asked (`numberPrompt` or a built-in question) and read back. A premium-rate
// or shared-cost number is never taken. After MAX_NUMBER_ATTEMPTS the number is given up on.
import { listen, sayPhrase, sayPrompt, sayText, type Ctx } from '../call/context';
import { phrase } from '../call/phrases';
import { callerIdNumber, correctionOf, understandPhone, type Understood } from '../call/understand';
import type { CallbackNode } from '../format/schema';
import { understandYesNo } from '../nlu';
import type { Next } from './spec';

const MAX_NUMBER_ATTEMPTS = 3;

/** What happens once the number is settled: the E.164 number, or undefined when none was given. */
export type NumberSettled = (number: string | undefined) => Next;

/** The value of the first collected detail with this role. */
export function fieldWithRole(ctx: Ctx, role: string): string | undefined {
  for (const n of Object.values(ctx.flow.nodes)) {
    if (n.kind !== 'intake') continue;
    const f = n.fields.find((x) => x.role === role);
    if (f && ctx.s.record.fields[f.key]) return String(ctx.s.record.fields[f.key].value);
  }
  return undefined;
}

/** The number collected earlier in the call, if any. */
export function collectedNumber(ctx: Ctx, node: CallbackNode): string | undefined {
  const named = node.numberField !== undefined ? ctx.s.record.fields[node.numberField] : undefined;
  return named ? String(named.value) : fieldWithRole(ctx, 'callbackNumber');
}

function readBack(ctx: Ctx, u: Understood): void {
  ctx.s.phase = 'confirm';
  ctx.s.pending = { value: u.value, source: u.callerId ? 'caller-id' : 'speech', readback: u.readback };
  if (u.callerId) sayPhrase(ctx, 'callbackCallerId', { vars: { x: u.readback } });
  else sayText(ctx, 'readback', phrase('readback', ctx.lang, { x: u.readback }));
  listen(ctx, 'yesno');
}

function askNumber(ctx: Ctx, node: CallbackNode): void {
  ctx.s.phase = 'ask';
  delete ctx.s.pending;
  if (node.numberPrompt !== undefined) sayPrompt(ctx, 'numberPrompt', node.numberPrompt);
  else sayPhrase(ctx, 'callbackNumber');
  listen(ctx, 'phone');
}

/** Starts securing a number: the caller ID for confirmation when there is a usable one, else the question. */
export function secureNumber(ctx: Ctx, node: CallbackNode): void {
  ctx.s.attempts = 0;
  const own = callerIdNumber(ctx, true);
  if (own && !own.refused) readBack(ctx, own);
  else askNumber(ctx, node);
}

/** A failed attempt: ask again (apologising unless the caller was told why), or give up. */
function failed(ctx: Ctx, node: CallbackNode, settled: NumberSettled, explained: boolean): Next {
  if (++ctx.s.attempts >= MAX_NUMBER_ATTEMPTS) return settled(undefined);
  if (!explained) sayPhrase(ctx, 'notUnderstood');
  askNumber(ctx, node);
  return undefined;
}

/** A number the caller said: refused (paid service line), read back, or not understood. */
function offered(ctx: Ctx, node: CallbackNode, u: Understood | null, settled: NumberSettled): Next {
  if (u?.refused) {
    sayPhrase(ctx, 'paidNumber');
    return failed(ctx, node, settled, true);
  }
  if (!u) return failed(ctx, node, settled, false);
  readBack(ctx, u);
  return undefined;
}

/** The caller's answer while the number is being secured. */
export function numberUtterance(ctx: Ctx, node: CallbackNode, text: string, settled: NumberSettled): Next {
  const pending = ctx.s.pending;
  if (ctx.s.phase === 'ask' || !pending) return offered(ctx, node, understandPhone(ctx, text, true), settled);
  const yn = understandYesNo(text, ctx.lang);
  if (yn === 'yes') return settled(String(pending.value));
  // "Nein, unter null eins sieben …": a correction is read back in turn.
  const rest = correctionOf(text);
  const corrected = rest === '' ? null : understandPhone(ctx, rest, true);
  if (corrected && corrected.value !== pending.value) return offered(ctx, node, corrected, settled);
  if (yn === 'no') {
    // Not the caller ID: then the question. Not the number read back: a failed attempt.
    if (pending.source !== 'caller-id') return failed(ctx, node, settled, false);
    askNumber(ctx, node);
    return undefined;
  }
  if (++ctx.s.attempts >= MAX_NUMBER_ATTEMPTS) return settled(undefined);
  sayPhrase(ctx, 'yesOrNo');
  listen(ctx, 'yesno');
  return undefined;
}

/** After silence or "niemand erreichbar": the same question again. */
export function numberReprompt(ctx: Ctx, node: CallbackNode): void {
  const pending = ctx.s.pending;
  if (ctx.s.phase !== 'confirm' || !pending) return askNumber(ctx, node);
  readBack(ctx, {
    value: pending.value,
    readback: pending.readback,
    callerId: pending.source === 'caller-id',
  });
}
