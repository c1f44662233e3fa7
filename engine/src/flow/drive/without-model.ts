// The one policy for an `extract` request when no language model answers it: the step gets an
// error back and decides with its own deterministic understanding (a retry, as after a value the
// parsers could not read). Every driver of step() uses it — the phone call without an extractor
// or after the model failed or took too long, the text driver (simulator, conversation tests, the
// designer's test chat, /simulate) — so a flow answers the same words the same way everywhere.
import type { CallAction, CallEvent, EpochMs } from '../call/types';

export type ExtractAction = Extract<CallAction, { type: 'extract' }>;

/** Why no model answered: none configured here, or the provider's fault code. */
export const NO_MODEL = 'unavailable';

/** The `extracted` event that tells the step no model answered `action`. */
export function withoutModel(action: ExtractAction, at: EpochMs, why: string = NO_MODEL): CallEvent {
  return { type: 'extracted', at, requestId: action.requestId, error: why };
}
