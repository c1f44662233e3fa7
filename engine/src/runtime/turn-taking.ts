// How long a call waits — for the caller to finish, and at most for a provider while the caller
// hears nothing: the timing policy of a call in one place. A deployment may change the end of
// turn (config: CALLFLOW_TURN_COMPLETE_WAIT_MS, CALLFLOW_TURN_PARTIAL_WAIT_MS); the defaults are
// tuned against the voice benchmark's fakes (BENCHMARKS.md, "turns"): no silence the engine
// causes may exceed ~1.2 s, and a complete answer is answered as fast as a relay with no logic.
import type { AnswerVerdict } from '../flow/interpreter';

export interface TurnTaking {
  /** Quiet after a final result that answers the step, or that no wait could improve. */
  readonly completeWaitMs: number;
  /** Quiet after a final result that stops mid-answer ("am …", "null eins sieben …"): more may come. */
  readonly partialWaitMs: number;
  /** Silence while an answer waits for a provider before the cached filler plays. */
  readonly fillerAfterMs: number;
  /** Silence after the filler (or, without one, after the filler's turn) before the provider is given up. */
  readonly giveUpAfterMs: number;
}

export const DEFAULT_TURN_TAKING: TurnTaking = {
  completeWaitMs: 0,
  // A pause inside a dictated number is rarely longer; the recognizer's own end of speech comes first.
  partialWaitMs: 800,
  // After ~0.3–0.7 s of the recognizer's end of speech, this keeps the caller's silence near 1.2 s.
  fillerAfterMs: 450,
  // After "Einen Moment, bitte." the caller still hears the fallback within ~0.7 s.
  giveUpAfterMs: 700,
};

/**
 * The end-of-turn rule: after a final result, how long the turn stays open for more words (a new
 * interim or voice activity cancels the wait). While the caller is audibly still speaking, the
 * words cannot be the whole answer yet, whatever they say.
 */
export function endOfTurnWait(t: TurnTaking, verdict: AnswerVerdict, callerSpeaking: boolean): number {
  return callerSpeaking || verdict === 'partial' ? t.partialWaitMs : t.completeWaitMs;
}
