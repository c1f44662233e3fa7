// The one policy for a request to the language model when no model answers it: an `extract`
// gets an error back and the step decides with its own deterministic understanding (a retry, as
// after a value the parsers could not read); an `answer` (a caller's question no fact matched)
// gets an error back and the caller hears the fallback („kann ich nicht sicher beantworten").
// Every driver of step() uses it — the phone call without a model or after the model failed or
// took too long, the text driver (simulator, conversation tests, the designer's test chat,
// /simulate) — so a flow answers the same words the same way everywhere.
import type { CallAction, CallEvent, EpochMs } from '../call/types';

export type ExtractAction = Extract<CallAction, { type: 'extract' }>;
export type AnswerAction = Extract<CallAction, { type: 'answer' }>;
/** What step() may ask a language model for. */
export type ModelRequest = ExtractAction | AnswerAction;

/** Why no model answered: none configured here, or the provider's fault code. */
export const NO_MODEL = 'unavailable';

/** The event that tells the step no model answered `action`. */
export function withoutModel(action: ModelRequest, at: EpochMs, why: string = NO_MODEL): CallEvent {
  const { requestId } = action;
  return action.type === 'extract'
    ? { type: 'extracted', at, requestId, error: why }
    : { type: 'answered', at, requestId, error: why };
}
