// End of turn, the interpreter's half: does a final speech result already answer the step that
// waits for it? The runtime asks before it decides how long to wait for more words
// (runtime/turn-taking.ts): a complete answer is acted on at once, a partial one ("am …",
// "null eins sieben …") gets a moment for the rest. Pure and read-only: it runs the parsers the
// step itself would run and changes nothing.
import { currentNode, makeCtx } from '../call/context';
import type { AnswerVerdict, CallState, EpochMs, Phase } from '../call/types';
import type { CompiledFlow } from '../compiled';
import { endsMidSentence, isQuestion } from '../nlu';
import { specOf } from '../nodes';
import { triggersIn, wantsHuman } from './global';
import { hintsFor } from './hints';

/** Phases in which the interpreter acts on what the caller says (step.ts). */
const ANSWERING: ReadonlySet<Phase> = new Set(['ask', 'confirm', 'time', 'extract']);

/**
 * How `text` (every final result of the turn so far, joined) stands as an answer to the step
 * `state` waits in, at `at` (epoch ms; relative dates are read against it).
 */
export function judgeAnswer(flow: CompiledFlow, state: CallState, text: string, at: EpochMs): AnswerVerdict {
  // Not waiting for an answer (a transfer rings, the call ended): nothing to wait for either.
  if (state.terminal || !ANSWERING.has(state.phase)) return 'complete';
  const ctx = makeCtx(flow, state, at, hintsFor);
  if (endsMidSentence(text, ctx.lang)) return 'partial';
  if (wantsHuman(ctx, text) || triggersIn(ctx, text).length > 0) return 'complete';
  // A question to the business is answered at once (interpreter/questions.ts).
  if (isQuestion(text, ctx.lang)) return 'complete';
  const node = currentNode(ctx);
  return specOf(node)?.behaviour.judge?.(ctx, node, text) ?? 'complete';
}
