// Rückrufwunsch: records a callback request — the number (always secured, see callback-number.ts),
// the priority (urgent raises the call's priority) and the preferred time: from the field with
// role callbackTime, or asked with `timePrompt` and parsed in the flow's time zone. A time in the
// past is refused; a time outside `window` is questioned once with the window spoken; after two
// unclear answers the caller's words are kept as `preferredTimeText` and the call goes on. Without
// any number the caller hears that no callback could be noted, not the step's confirmation.
import { listen, sayPhrase, sayPrompt, type Ctx } from '../call/context';
import { outOfPeriod, speakWhen } from '../call/understand';
import { Type, type Static } from '@sinclair/typebox';
import { literals, strict, NodeId, FieldKey, Prompt, ClockTime, common } from '../format/parts';
import { endsInDictation, parseDateTime, understandYesNo } from '../nlu';
import {
  collectedNumber,
  fieldWithRole,
  numberReprompt,
  numberUtterance,
  secureNumber,
} from './callback-number';
import { singleNext, type Next, type StepKindSpec } from './spec';

export const CallbackNode = Type.Object(
  {
    kind: Type.Literal('callback'),
    ...common,
    priority: Type.Optional(literals(['normal', 'urgent'] as const, { default: 'normal' })),
    numberField: Type.Optional(FieldKey),
    numberPrompt: Type.Optional(Prompt),
    timePrompt: Type.Optional(Prompt),
    window: Type.Optional(Type.Object({ earliest: ClockTime, latest: ClockTime }, strict)),
    confirmation: Type.Optional(Prompt),
    next: NodeId,
  },
  {
    ...strict,
    description:
      'Records a callback request with priority, a number and a preferred time. The number is always secured: from `numberField` (or the detail with role callbackNumber), else the caller ID read back for confirmation, else asked with `numberPrompt` (default: a built-in question).',
  },
);
export type CallbackNode = Static<typeof CallbackNode>;

const MAX_TIME_ATTEMPTS = 2;

function complete(ctx: Ctx, node: CallbackNode): Next {
  if (node.confirmation !== undefined) sayPrompt(ctx, 'confirmation', node.confirmation);
  return { exit: 'next' };
}

function withinWindow(node: CallbackNode, iso: string, precision: string): boolean {
  if (!node.window || precision === 'day') return true;
  const hhmm = iso.slice(11, 16);
  return hhmm >= node.window.earliest && hhmm <= node.window.latest;
}

/** `again`: the last answer was not understood, so apologise first. */
function askTime(ctx: Ctx, node: CallbackNode, { again = false } = {}): void {
  if (again) sayPhrase(ctx, 'notUnderstood');
  sayPrompt(ctx, 'timePrompt', node.timePrompt ?? '');
  listen(ctx, 'datetime');
}

/** The number is settled: note it, then the preferred time (if asked), then done. */
function numberSettled(ctx: Ctx, node: CallbackNode, number: string | undefined): Next {
  const cb = ctx.s.record.callback;
  ctx.s.attempts = 0;
  delete ctx.s.pending;
  if (!cb) return { exit: 'next' };
  if (number === undefined) {
    sayPhrase(ctx, 'callbackNoNumber');
    return { exit: 'next' };
  }
  ctx.s.record.callback = { number, ...cb }; // the number first, as in the record's schema
  if (node.timePrompt === undefined || cb.preferredTime !== undefined) return complete(ctx, node);
  ctx.s.phase = 'time';
  askTime(ctx, node);
  return undefined;
}

/** The caller's preferred time, parsed in the flow's time zone. */
function preferredTime(ctx: Ctx, text: string) {
  const timeZone = ctx.flow.flow.settings.businessHours.timeZone;
  return parseDateTime(text, ctx.lang, { now: new Date(ctx.at).toISOString(), timeZone }, 'datetime');
}

function timeAnswer(ctx: Ctx, node: CallbackNode, text: string): Next {
  const cb = ctx.s.record.callback;
  if (!cb) return undefined;
  const parsed = preferredTime(ctx, text);
  const last = ++ctx.s.attempts >= MAX_TIME_ATTEMPTS;
  if (parsed && outOfPeriod(ctx, parsed, 'future')) {
    sayPhrase(ctx, 'notInFuture', { vars: { x: speakWhen(ctx, parsed.start, 'datetime') } });
    if (last) return complete(ctx, node);
    sayPrompt(ctx, 'timePrompt', node.timePrompt ?? '');
    listen(ctx, 'datetime');
    return undefined;
  }
  if (parsed && (withinWindow(node, parsed.start, parsed.precision) || last)) {
    cb.preferredTime = parsed.start;
    return complete(ctx, node);
  }
  if (parsed && node.window) {
    sayPhrase(ctx, 'callbackWindow', {
      vars: { earliest: node.window.earliest, latest: node.window.latest },
    });
    listen(ctx, 'datetime');
    return undefined;
  }
  if (understandYesNo(text, ctx.lang) === 'no') return complete(ctx, node);
  if (last) {
    if (text.trim() !== '') cb.preferredTimeText = text.trim().slice(0, 200);
    return complete(ctx, node);
  }
  askTime(ctx, node, { again: true });
  return undefined;
}

const behaviour: StepKindSpec<CallbackNode>['behaviour'] = {
  enter(ctx, node) {
    const r = ctx.s.record;
    const preferredTime = fieldWithRole(ctx, 'callbackTime');
    r.callback = {
      ...(preferredTime !== undefined ? { preferredTime } : {}),
      priority: node.priority ?? 'normal',
    };
    if (node.priority === 'urgent') r.priority = 'urgent';
    const number = collectedNumber(ctx, node);
    if (number !== undefined) return numberSettled(ctx, node, number);
    secureNumber(ctx, node);
    return undefined;
  },
  utterance(ctx, node, text) {
    if (ctx.s.phase === 'time') return timeAnswer(ctx, node, text);
    return numberUtterance(ctx, node, text, (number) => numberSettled(ctx, node, number));
  },
  judge(ctx, _node, text) {
    if (ctx.s.phase === 'time') {
      if (preferredTime(ctx, text) || understandYesNo(text, ctx.lang) === 'no') return 'complete';
      return endsInDictation(text, ctx.lang, 'date') ? 'partial' : 'unclear';
    }
    return 'complete';
  },
  dtmf(ctx, node, digit) {
    if (ctx.s.phase !== 'confirm' || (digit !== '1' && digit !== '2')) return undefined;
    const answer = digit === '1' ? (ctx.lang === 'de' ? 'ja' : 'yes') : ctx.lang === 'de' ? 'nein' : 'no';
    return numberUtterance(ctx, node, answer, (number) => numberSettled(ctx, node, number));
  },
  reprompt(ctx, node) {
    if (ctx.s.phase === 'time') return askTime(ctx, node);
    numberReprompt(ctx, node);
  },
};

export const callback: StepKindSpec<CallbackNode, typeof CallbackNode> = {
  kind: 'callback',
  schema: CallbackNode,
  words: { de: 'Rückrufwunsch', en: 'callback request' },
  hint: {
    de: 'Nimmt einen Rückrufwunsch mit Dringlichkeit und Wunschzeit auf.',
    en: 'Takes a callback request with priority and preferred time.',
  },
  idPrefix: 'rueckruf',
  create: (lang) => ({
    kind: 'callback',
    priority: 'normal',
    numberPrompt:
      lang === 'de'
        ? 'Unter welcher Telefonnummer können wir Sie zurückrufen?'
        : 'Which phone number can we call you back on?',
    timePrompt: lang === 'de' ? 'Wann dürfen wir Sie zurückrufen?' : 'When may we call you back?',
    next: '',
  }),
  ...singleNext<CallbackNode>(),
  prompts: (node) => [
    { name: 'numberPrompt', text: node.numberPrompt, path: ['numberPrompt'] },
    { name: 'timePrompt', text: node.timePrompt, path: ['timePrompt'] },
    { name: 'confirmation', text: node.confirmation, path: ['confirmation'] },
  ],
  collects: () => [],
  // It asks for the number when none was collected, and for the preferred time.
  waitsForCaller: () => true,
  behaviour,
};
