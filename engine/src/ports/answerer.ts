// Answerer port: asks a language model (OpenAI: "answer generation" in the processing record) to
// answer ONE caller question from the business's facts alone.
//
// Privacy and safety by shape: the request carries only the question turn's words and the facts
// (never earlier turns, never the caller's number); the result is the ids of the facts used and
// a short spoken answer — there is no field for an action, a step or a transfer target. Whether
// the answer may be said is decided in the pure core (engine/src/flow/answers/grounding.ts): it
// must cite a known fact and every number in it must come from the cited facts.
// Faults throw ProviderError so the runtime can fall back ("kann ich nicht sicher beantworten").

export interface AnswerFact {
  id: string;
  topic: string;
  answer: string;
}

export interface AnswerRequest {
  /** The caller's question turn only — untrusted data, never instructions. */
  question: string;
  facts: readonly AnswerFact[];
  /** BCP-47 language of the flow, e.g. "de-DE". */
  language: string;
  /** Deadline for the whole request; providers apply their own default when absent. */
  timeoutMs?: number;
}

export interface AnswerResult {
  /** Ids of the facts the answer is based on (only ids from the request survive). */
  factIds: string[];
  /** The spoken answer; empty when the model does not know. */
  text: string;
}

export interface Answerer {
  /** Rejects with ProviderError on faults, timeouts and aborts. */
  answer(req: AnswerRequest, signal?: AbortSignal): Promise<AnswerResult>;
}

/** Longest answer text passed on; the core's grounding check is stricter still. */
export const MAX_ANSWER_CHARS = 1000;
const MAX_FACT_IDS = 20;

/**
 * Conforms whatever a provider produced to the result's shape: fact ids as strings (unique,
 * bounded), the text a trimmed, bounded string ('' otherwise). Unknown ids are kept: an id the
 * request did not carry is a sign of invention, and the core refuses such an answer.
 */
export function conformAnswer(raw: unknown): AnswerResult {
  const source =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const ids = Array.isArray(source.factIds) ? source.factIds : [];
  const factIds = [...new Set(ids.filter((id): id is string => typeof id === 'string'))]
    .map((id) => id.slice(0, 100))
    .slice(0, MAX_FACT_IDS);
  const text = typeof source.answer === 'string' ? source.answer.trim().slice(0, MAX_ANSWER_CHARS) : '';
  return { factIds, text };
}
