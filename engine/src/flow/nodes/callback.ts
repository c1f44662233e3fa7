// Rückrufwunsch: records a callback request — the number (from `numberField`, else the field
// with role callbackNumber, else the caller ID when the flow records it), the priority (urgent
// raises the call's priority) and the preferred time: from the field with role callbackTime,
// or asked with `timePrompt` and parsed in the flow's time zone. A time outside `window` is
// questioned once with the window spoken; after two unclear answers the caller's words are kept
// as `preferredTimeText` and the call goes on.
import type { CallbackNode } from '../format/schema';
import { endsInDictation, parseDateTime, understandYesNo } from '../nlu';
import { listen, sayPhrase, sayPrompt, type Ctx } from '../interpreter/context';
import { goto } from '../interpreter/transitions';
import type { NodeBehaviour } from './behaviour';

const MAX_TIME_ATTEMPTS = 2;

function fieldWithRole(ctx: Ctx, role: string): string | undefined {
  for (const n of Object.values(ctx.flow.nodes)) {
    if (n.kind !== 'intake') continue;
    const f = n.fields.find((x) => x.role === role);
    if (f && ctx.s.record.fields[f.key]) return String(ctx.s.record.fields[f.key].value);
  }
  return undefined;
}

function numberOf(ctx: Ctx, node: CallbackNode): string | undefined {
  const named = node.numberField !== undefined ? ctx.s.record.fields[node.numberField] : undefined;
  if (named) return String(named.value);
  const byRole = fieldWithRole(ctx, 'callbackNumber');
  if (byRole) return byRole;
  return ctx.flow.flow.settings.record.callerNumber ? ctx.s.callerNumber : undefined;
}

function complete(ctx: Ctx, node: CallbackNode): void {
  if (node.confirmation !== undefined) sayPrompt(ctx, 'confirmation', node.confirmation);
  goto(ctx, node.next);
}

function withinWindow(node: CallbackNode, iso: string, precision: string): boolean {
  if (!node.window || precision === 'day') return true;
  const hhmm = iso.slice(11, 16);
  return hhmm >= node.window.earliest && hhmm <= node.window.latest;
}

/** The caller's preferred time, parsed in the flow's time zone. */
function preferredTime(ctx: Ctx, text: string) {
  const timeZone = ctx.flow.flow.settings.businessHours.timeZone;
  return parseDateTime(text, ctx.lang, { now: new Date(ctx.at).toISOString(), timeZone }, 'datetime');
}

function askTime(ctx: Ctx, node: CallbackNode, again: boolean): void {
  if (again) sayPhrase(ctx, 'notUnderstood');
  sayPrompt(ctx, 'timePrompt', node.timePrompt ?? '');
  listen(ctx, 'datetime');
}

export const callback: NodeBehaviour<CallbackNode> = {
  enter(ctx, node) {
    const r = ctx.s.record;
    const number = numberOf(ctx, node);
    const preferredTime = fieldWithRole(ctx, 'callbackTime');
    r.callback = {
      ...(number !== undefined ? { number } : {}),
      ...(preferredTime !== undefined ? { preferredTime } : {}),
      priority: node.priority ?? 'normal',
    };
    if (node.priority === 'urgent') r.priority = 'urgent';
    if (node.timePrompt === undefined || preferredTime !== undefined) return complete(ctx, node);
    ctx.s.phase = 'time';
    askTime(ctx, node, false);
  },
  utterance(ctx, node, text) {
    const cb = ctx.s.record.callback;
    if (ctx.s.phase !== 'time' || !cb) return;
    const parsed = preferredTime(ctx, text);
    const last = ++ctx.s.attempts >= MAX_TIME_ATTEMPTS;
    if (parsed && (withinWindow(node, parsed.start, parsed.precision) || last)) {
      cb.preferredTime = parsed.start;
      return complete(ctx, node);
    }
    if (parsed && node.window) {
      sayPhrase(ctx, 'callbackWindow', { earliest: node.window.earliest, latest: node.window.latest });
      return listen(ctx, 'datetime');
    }
    if (understandYesNo(text, ctx.lang) === 'no') return complete(ctx, node);
    if (last) {
      if (text.trim() !== '') cb.preferredTimeText = text.trim().slice(0, 200);
      return complete(ctx, node);
    }
    askTime(ctx, node, true);
  },
  judge(ctx, _node, text) {
    if (ctx.s.phase !== 'time') return 'complete';
    if (preferredTime(ctx, text) || understandYesNo(text, ctx.lang) === 'no') return 'complete';
    return endsInDictation(text, ctx.lang, 'date') ? 'partial' : 'unclear';
  },
  reprompt(ctx, node) {
    if (ctx.s.phase !== 'time') return;
    askTime(ctx, node, false);
  },
};
