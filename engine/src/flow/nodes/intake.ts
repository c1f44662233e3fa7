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
import type { FieldType, IntakeField, IntakeNode } from '../format/schema';
import { endsInDictation, understandYesNo, type Dictation } from '../nlu';
import { listen, nextRequestId, sayPhrase, sayPrompt, sayText, type Ctx } from '../interpreter/context';
import { phrase } from '../interpreter/phrases';
import { goto } from '../interpreter/transitions';
import {
  correctionOf,
  understandExtracted,
  understandField,
  type Understood,
} from '../interpreter/understand';
import type { AnswerVerdict, ListenExpect } from '../interpreter/types';
import type { FieldValue } from '../record/schema';
import { digitIndex, type NodeBehaviour } from './behaviour';

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

function nextField(ctx: Ctx, node: IntakeNode): void {
  ctx.s.field++;
  ctx.s.attempts = 0;
  delete ctx.s.pending;
  delete ctx.s.requestId;
  if (ctx.s.field >= node.fields.length) goto(ctx, node.next);
  else ask(ctx, node);
}

function store(ctx: Ctx, node: IntakeNode, value: FieldValue): void {
  const f = fieldOf(ctx, node);
  ctx.s.record.fields[f.key] = value;
  ctx.s.record.missingFields = ctx.s.record.missingFields.filter((k) => k !== f.key);
  if (f.role === 'concern') ctx.s.record.concern = String(value.value);
  nextField(ctx, node);
}

function giveUp(ctx: Ctx, node: IntakeNode): void {
  const f = fieldOf(ctx, node);
  if ((f.required ?? true) && !ctx.s.record.missingFields.includes(f.key))
    ctx.s.record.missingFields.push(f.key);
  nextField(ctx, node);
}

/** A failed attempt: ask again, or give up on this field after maxAttempts. */
function retry(ctx: Ctx, node: IntakeNode, { explained = false } = {}): void {
  if (++ctx.s.attempts >= (node.maxAttempts ?? 3)) giveUp(ctx, node);
  else ask(ctx, node, { again: true, explained });
}

/** Understood but not acceptable ("morgen" as a birth date, a 0900 number): say why, then a failed attempt. */
function refuse(ctx: Ctx, node: IntakeNode, u: Understood): void {
  delete ctx.s.pending;
  if (u.refused === 'paidNumber') sayPhrase(ctx, 'paidNumber');
  else if (u.refused) sayPhrase(ctx, u.refused, { vars: { x: u.readback } });
  retry(ctx, node, { explained: true });
}

function accept(ctx: Ctx, node: IntakeNode, u: Understood, source: FieldValue['source']): void {
  if (u.refused) return refuse(ctx, node, u);
  const src = u.callerId ? 'caller-id' : source;
  if (!fieldOf(ctx, node).confirm) {
    store(ctx, node, { value: u.value, source: src, confirmed: false });
    return;
  }
  ctx.s.phase = 'confirm';
  ctx.s.pending = { value: u.value, source: src, readback: u.readback };
  sayText(ctx, 'readback', phrase('readback', ctx.lang, { x: u.readback }));
  listen(ctx, 'yesno');
}

function canExtract(ctx: Ctx, f: IntakeField): boolean {
  return ctx.flow.flow.settings.providers.understanding === 'openai' && f.llm !== false;
}

function answer(ctx: Ctx, node: IntakeNode, text: string): void {
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
}

function confirmAnswer(ctx: Ctx, node: IntakeNode, text: string): void {
  const pending = ctx.s.pending;
  if (!pending) return ask(ctx, node);
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

export const intake: NodeBehaviour<IntakeNode> = {
  enter(ctx, node) {
    ctx.s.field = 0;
    ask(ctx, node);
  },
  utterance(ctx, node, text) {
    if (ctx.s.phase === 'confirm') confirmAnswer(ctx, node, text);
    else answer(ctx, node, text); // also while an extraction is pending: the newer answer wins
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
      confirmAnswer(
        ctx,
        node,
        yesNoKey ? (ctx.lang === 'de' ? 'ja' : 'yes') : ctx.lang === 'de' ? 'nein' : 'no',
      );
      return true;
    }
    if (ctx.s.phase !== 'ask') return false;
    if (f.type === 'yesno' && yesNoKey !== undefined) {
      accept(ctx, node, { value: yesNoKey, readback: digit }, 'dtmf');
      return true;
    }
    const i = f.type === 'choice' ? digitIndex(digit, f.choices?.length ?? 0) : -1;
    if (i < 0 || !f.choices) return false;
    accept(ctx, node, { value: f.choices[i].value, readback: f.choices[i].label }, 'dtmf');
    return true;
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
    if (ctx.s.phase !== 'extract' || event.requestId !== ctx.s.requestId) return;
    delete ctx.s.requestId;
    const f = fieldOf(ctx, node);
    const u = event.error ? null : understandExtracted(ctx, f, event.values?.[f.key]);
    if (u) accept(ctx, node, u, 'llm');
    else retry(ctx, node);
  },
};
