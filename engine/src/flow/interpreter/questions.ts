// Questions at every waiting point: the one place the interpreter answers a caller who asks
// something instead of answering („Wann haben Sie am Mittwoch geöffnet?" while the name is asked).
// step.ts calls `answerQuestion` for a step whose spec says it waits for the caller, after the human escape
// and the keyword triggers (they win over answering) and before the step's own understanding —
// so a question never fills a detail. Then the step asks again, where it was.
//
// 1. The deterministic answer (the tenant's facts, the opening hours) — also before consent.
// 2. After consent, when the flow allows it and the turn was not taken at a confidential detail:
//    the model, with the question turn alone and the facts (`answer` action → `answered` event);
//    its reply is spoken only when grounded in the facts it cites (../answers/grounding.ts).
// 3. Otherwise „Das kann ich Ihnen leider nicht sicher beantworten." — after consent the question
//    is noted for the team (record.questions, sensitive); before consent nothing is recorded.
//
// At a free-text detail with role `concern`, a question no fact answers IS the caller's concern
// („Ich wollte fragen, ob Sie Hausbesuche machen"): it is left to the step, which takes it down.
import {
  answerFromFacts,
  checkGrounding,
  knownFacts,
  modelAnswersPolicy,
  turnIsConfidential,
} from '../answers';
import { currentNode, nextRequestId, sayPhrase, sayText, type Ctx } from '../call/context';
import type { CallEvent } from '../call/types';
import type { FlowNode } from '../format/schema';
import { isQuestion } from '../nlu';
import { specOf } from '../nodes';

type AnsweredEvent = Extract<CallEvent, { type: 'answered' }>;

function resume(ctx: Ctx): void {
  const node = currentNode(ctx);
  specOf(node)?.behaviour.reprompt?.(ctx, node);
}

function atConcern(ctx: Ctx, node: FlowNode): boolean {
  if (node.kind !== 'intake' || ctx.s.phase !== 'ask') return false;
  const field = node.fields[ctx.s.field];
  return field?.role === 'concern' && field.type === 'text';
}

function modelMayAnswer(ctx: Ctx, node: FlowNode): boolean {
  return (
    ctx.s.record.consent === 'given' &&
    modelAnswersPolicy(ctx.flow.flow).allowed &&
    !turnIsConfidential(node, ctx.s.field)
  );
}

/** For the analytics: which fact answered (the first cited; a copy, never an edit of shared state). */
function counted(ctx: Ctx, factIds: readonly string[]): void {
  ctx.s.answeredFacts = [...(ctx.s.answeredFacts ?? []), factIds[0] ?? ''];
}

/** Nothing answered it: say so; after consent, note the question for the team. */
function notAnswered(ctx: Ctx, question: string): void {
  ctx.s.unansweredQuestions = (ctx.s.unansweredQuestions ?? 0) + 1;
  if (ctx.s.record.consent !== 'given') {
    sayPhrase(ctx, 'questionUnknownBeforeConsent', { factIds: [] });
    return;
  }
  const r = ctx.s.record;
  r.questions = [...(r.questions ?? []), question.trim()];
  sayPhrase(ctx, 'questionUnknown', { factIds: [] });
}

/**
 * Answers `text` if it is a question to the business, then asks the step's question again.
 * Returns false when the step should handle the words itself.
 */
export function answerQuestion(ctx: Ctx, node: FlowNode, text: string): boolean {
  if (!isQuestion(text, ctx.lang)) return false;
  const found = answerFromFacts(ctx.flow.flow, text, ctx.at, ctx.lang);
  if (found.kind === 'answered') {
    counted(ctx, found.factIds);
    sayText(ctx, 'answer', found.text, { factIds: found.factIds });
    resume(ctx);
    return true;
  }
  if (atConcern(ctx, node)) return false;
  if (modelMayAnswer(ctx, node)) {
    const requestId = nextRequestId(ctx);
    ctx.s.asked = { requestId, resume: ctx.s.phase, text };
    ctx.s.phase = 'answer';
    ctx.out.push({
      type: 'answer',
      requestId,
      question: text,
      facts: knownFacts(ctx.flow.flow, ctx.at, ctx.lang),
      language: ctx.flow.flow.language,
    });
    return true;
  }
  notAnswered(ctx, text);
  resume(ctx);
  return true;
}

/** The caller spoke again while the model was still answering: the newer words win. */
export function dropPendingQuestion(ctx: Ctx): void {
  const asked = ctx.s.asked;
  if (!asked) return;
  if (ctx.s.phase === 'answer') ctx.s.phase = asked.resume;
  delete ctx.s.asked;
}

/** The model's reply: spoken when grounded in the facts it cites, else the fallback. */
export function onAnswered(ctx: Ctx, event: AnsweredEvent): void {
  const asked = ctx.s.asked;
  if (ctx.s.phase !== 'answer' || !asked || event.requestId !== asked.requestId) return;
  ctx.s.phase = asked.resume;
  delete ctx.s.asked;
  const facts = knownFacts(ctx.flow.flow, ctx.at, ctx.lang);
  const verdict =
    event.error === undefined && typeof event.text === 'string' && Array.isArray(event.factIds)
      ? checkGrounding({ factIds: event.factIds, text: event.text }, facts, ctx.lang)
      : null;
  if (verdict?.ok) {
    counted(ctx, verdict.factIds);
    sayText(ctx, 'answer', verdict.text, { factIds: verdict.factIds });
  } else notAnswered(ctx, asked.text);
  resume(ctx);
}
