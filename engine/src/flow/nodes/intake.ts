// Abfrage: asks field by field. Each answer is understood by type (../interpreter/understand);
// an answer not understood is asked again (reprompt) up to maxAttempts, after which an optional
// field is skipped and a required one is listed in `missingFields` — the call goes on either way.
// An optional field is also skipped when the caller simply says "nein".
// When the parsers fail and the flow allows an LLM for this field (providers.understanding =
// 'openai', field.llm !== false) the interpreter emits `extract` and waits for `extracted`; an
// extraction error or an invalid value counts as a failed attempt (deterministic fallback).
// Fields with `confirm` are read back ("Ich habe … verstanden. Ist das richtig?"); a "nein"
// with a new value ("nein, die Nummer ist …") is taken as a correction and read back again.
// A value understood but not acceptable — a date outside the detail's period ("morgen" as a birth
// date), a premium-rate or shared-cost callback number — is explained, before any readback, and
// counts as a failed attempt.
import { listen, nextRequestId, sayPhrase, sayPrompt, sayText, type Ctx } from '../call/context';
import { phrase } from '../call/phrases';
import type { AnswerVerdict, ListenExpect } from '../call/types';
import { correctionOf, understandExtracted, understandField, type Understood } from '../call/understand';
import { Type, type Static } from '@sinclair/typebox';
import { strict, NodeId, common, IntakeField, type FieldType } from '../format/parts';
import { endsInDictation, understandYesNo, type Dictation } from '../nlu';
import type { FieldValue } from '../record/schema';
import { digitIndex, singleNext, type Next, type StepKindSpec } from './spec';

export const IntakeNode = Type.Object(
  {
    kind: Type.Literal('intake'),
    ...common,
    fields: Type.Array(IntakeField, { minItems: 1, maxItems: 30 }),
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, default: 3 })),
    next: NodeId,
  },
  { ...strict, description: 'Asks for one or more details, field by field.' },
);
export type IntakeNode = Static<typeof IntakeNode>;

const fieldOf = (ctx: Ctx, node: IntakeNode): IntakeField => node.fields[ctx.s.field];
const expectOf = (f: IntakeField): ListenExpect => (f.type === 'text' ? 'free' : f.type);

/** Asks for the current field; `again` after a failed attempt, `explained` when the caller was already told why. */
function ask(ctx: Ctx, node: IntakeNode, { again = false, explained = false } = {}): void {
  const f = fieldOf(ctx, node);
  ctx.s.phase = 'ask';
  if (again && f.reprompt) sayPrompt(ctx, `${f.key}.reprompt`, f.reprompt);
  else {
    if (again && !explained) sayPhrase(ctx, 'notUnderstood');
    sayPrompt(ctx, `${f.key}.prompt`, f.prompt);
  }
  listen(ctx, expectOf(f));
}

function nextField(ctx: Ctx, node: IntakeNode): Next {
  ctx.s.field++;
  ctx.s.attempts = 0;
  delete ctx.s.pending;
  delete ctx.s.requestId;
  if (ctx.s.field >= node.fields.length) return { exit: 'next' };
  ask(ctx, node);
  return undefined;
}

function store(ctx: Ctx, node: IntakeNode, value: FieldValue): Next {
  const f = fieldOf(ctx, node);
  ctx.s.record.fields[f.key] = value;
  ctx.s.record.missingFields = ctx.s.record.missingFields.filter((k) => k !== f.key);
  if (f.role === 'concern') ctx.s.record.concern = String(value.value);
  return nextField(ctx, node);
}

function giveUp(ctx: Ctx, node: IntakeNode): Next {
  const f = fieldOf(ctx, node);
  if ((f.required ?? true) && !ctx.s.record.missingFields.includes(f.key))
    ctx.s.record.missingFields.push(f.key);
  return nextField(ctx, node);
}

/** A failed attempt: ask again, or give up on this field after maxAttempts. */
function retry(ctx: Ctx, node: IntakeNode, { explained = false } = {}): Next {
  if (++ctx.s.attempts >= (node.maxAttempts ?? 3)) return giveUp(ctx, node);
  ask(ctx, node, { again: true, explained });
  return undefined;
}

/** Understood but not acceptable ("morgen" as a birth date, a 0900 number): say why, then a failed attempt. */
function refuse(ctx: Ctx, node: IntakeNode, u: Understood): Next {
  delete ctx.s.pending;
  if (u.refused === 'paidNumber') sayPhrase(ctx, 'paidNumber');
  else if (u.refused) sayPhrase(ctx, u.refused, { vars: { x: u.readback } });
  return retry(ctx, node, { explained: true });
}

function accept(ctx: Ctx, node: IntakeNode, u: Understood, source: FieldValue['source']): Next {
  if (u.refused) return refuse(ctx, node, u);
  const src = u.callerId ? 'caller-id' : source;
  if (!fieldOf(ctx, node).confirm) return store(ctx, node, { value: u.value, source: src, confirmed: false });
  ctx.s.phase = 'confirm';
  ctx.s.pending = { value: u.value, source: src, readback: u.readback };
  sayText(ctx, 'readback', phrase('readback', ctx.lang, { x: u.readback }));
  listen(ctx, 'yesno');
  return undefined;
}

function canExtract(ctx: Ctx, f: IntakeField): boolean {
  return ctx.flow.flow.settings.providers.understanding === 'openai' && f.llm !== false;
}

function answer(ctx: Ctx, node: IntakeNode, text: string): Next {
  const f = fieldOf(ctx, node);
  const u = understandField(ctx, f, text);
  if (u) return accept(ctx, node, u, 'speech');
  if (!(f.required ?? true) && understandYesNo(text, ctx.lang) === 'no') return nextField(ctx, node);
  if (text.trim() === '' || !canExtract(ctx, f)) return retry(ctx, node);
  const requestId = nextRequestId(ctx);
  ctx.s.phase = 'extract';
  ctx.s.requestId = requestId;
  ctx.out.push({
    type: 'extract',
    requestId,
    fields: [
      {
        key: f.key,
        type: f.type,
        label: f.label,
        ...(f.choices ? { choices: f.choices.map((c) => c.value) } : {}),
      },
    ],
    text,
    language: ctx.flow.flow.language,
  });
  return undefined;
}

function confirmAnswer(ctx: Ctx, node: IntakeNode, text: string): Next {
  const pending = ctx.s.pending;
  if (!pending) {
    ask(ctx, node);
    return undefined;
  }
  const yn = understandYesNo(text, ctx.lang);
  if (yn === 'yes')
    return store(ctx, node, { value: pending.value, source: pending.source, confirmed: true });
  const rest = correctionOf(text);
  const corrected = rest === '' ? null : understandField(ctx, fieldOf(ctx, node), rest);
  if (corrected && corrected.value !== pending.value) return accept(ctx, node, corrected, 'speech');
  if (yn === 'no') return retry(ctx, node);
  // Neither yes nor no nor a new value: ask once more; keep the value unconfirmed at the limit.
  if (++ctx.s.attempts >= (node.maxAttempts ?? 3)) {
    return store(ctx, node, { value: pending.value, source: pending.source, confirmed: false });
  }
  sayPhrase(ctx, 'yesOrNo');
  listen(ctx, 'yesno');
  return undefined;
}

/** Field types whose answers are dictated piece by piece, so they often arrive in parts. */
const DICTATED: Partial<Record<FieldType, Dictation>> = {
  phone: 'number',
  number: 'number',
  time: 'number',
  date: 'date',
  datetime: 'date',
  email: 'email',
};

/** A value for the field (complete), the first part of one (partial), or neither. */
function judgeValue(ctx: Ctx, f: IntakeField, text: string): AnswerVerdict {
  if (text.trim() !== '' && understandField(ctx, f, text)) return 'complete';
  const kind = DICTATED[f.type];
  return kind && endsInDictation(text, ctx.lang, kind) ? 'partial' : 'unclear';
}

/** The same decisions as confirmAnswer, without making them: yes, a (partial) correction, no. */
function judgeConfirmation(ctx: Ctx, f: IntakeField, text: string): AnswerVerdict {
  const yn = understandYesNo(text, ctx.lang);
  if (yn === 'yes') return 'complete';
  const rest = correctionOf(text);
  const correction = rest.trim() === '' ? 'unclear' : judgeValue(ctx, f, rest);
  if (correction !== 'unclear') return correction;
  return yn === 'no' ? 'complete' : 'unclear';
}

const behaviour: StepKindSpec<IntakeNode>['behaviour'] = {
  enter(ctx, node) {
    ctx.s.field = 0;
    ask(ctx, node);
    return undefined;
  },
  utterance(ctx, node, text) {
    if (ctx.s.phase === 'confirm') return confirmAnswer(ctx, node, text);
    return answer(ctx, node, text); // also while an extraction is pending: the newer answer wins
  },
  judge(ctx, node, text) {
    const f = fieldOf(ctx, node);
    if (ctx.s.phase === 'confirm') return judgeConfirmation(ctx, f, text);
    const verdict = judgeValue(ctx, f, text);
    const skips = !(f.required ?? true) && understandYesNo(text, ctx.lang) === 'no';
    return skips ? 'complete' : verdict;
  },
  dtmf(ctx, node, digit) {
    const f = fieldOf(ctx, node);
    const yesNoKey = digit === '1' ? true : digit === '2' ? false : undefined;
    if (ctx.s.phase === 'confirm' && yesNoKey !== undefined) {
      return confirmAnswer(
        ctx,
        node,
        yesNoKey ? (ctx.lang === 'de' ? 'ja' : 'yes') : ctx.lang === 'de' ? 'nein' : 'no',
      );
    }
    if (ctx.s.phase !== 'ask') return undefined;
    if (f.type === 'yesno' && yesNoKey !== undefined) {
      return accept(ctx, node, { value: yesNoKey, readback: digit }, 'dtmf');
    }
    const i = f.type === 'choice' ? digitIndex(digit, f.choices?.length ?? 0) : -1;
    if (i < 0 || !f.choices) return undefined;
    return accept(ctx, node, { value: f.choices[i].value, readback: f.choices[i].label }, 'dtmf');
  },
  reprompt(ctx, node) {
    if (ctx.s.phase === 'confirm' && ctx.s.pending) {
      sayText(ctx, 'readback', phrase('readback', ctx.lang, { x: ctx.s.pending.readback }));
      listen(ctx, 'yesno');
      return;
    }
    ctx.s.phase = 'ask';
    delete ctx.s.requestId;
    sayPrompt(ctx, `${fieldOf(ctx, node).key}.prompt`, fieldOf(ctx, node).prompt);
    listen(ctx, expectOf(fieldOf(ctx, node)));
  },
  extracted(ctx, node, event) {
    if (ctx.s.phase !== 'extract' || event.requestId !== ctx.s.requestId) return undefined;
    delete ctx.s.requestId;
    const f = fieldOf(ctx, node);
    const u = event.error ? null : understandExtracted(ctx, f, event.values?.[f.key]);
    return u ? accept(ctx, node, u, 'llm') : retry(ctx, node);
  },
};

export const intake: StepKindSpec<IntakeNode, typeof IntakeNode> = {
  kind: 'intake',
  schema: IntakeNode,
  words: { de: 'Abfrage', en: 'questions' },
  hint: {
    de: 'Fragt Angaben ab, z. B. Name, Rückrufnummer, Anliegen.',
    en: 'Asks for details, e.g. name, callback number, concern.',
  },
  idPrefix: 'abfrage',
  create: (lang) => ({
    kind: 'intake',
    fields: [
      {
        key: 'name',
        label: 'Name',
        type: 'name',
        role: 'callerName',
        prompt: lang === 'de' ? 'Wie ist Ihr Name?' : 'What is your name?',
      },
    ],
    next: '',
  }),
  ...singleNext<IntakeNode>(),
  prompts: (node) =>
    node.fields.flatMap((f, i) => [
      { name: `${f.key}.prompt`, text: f.prompt, path: ['fields', i, 'prompt'], fieldIndex: i },
      { name: `${f.key}.reprompt`, text: f.reprompt, path: ['fields', i, 'reprompt'], fieldIndex: i },
    ]),
  collects: (node) => node.fields,
  waitsForCaller: () => true,
  hints: (node) =>
    node.fields.flatMap((f) => (f.choices ?? []).flatMap((c) => [c.label, ...(c.keywords ?? [])])),
  behaviour,
};
