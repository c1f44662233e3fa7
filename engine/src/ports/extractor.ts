// Extractor port: asks an understanding provider (an LLM) to fill named fields from the words a
// caller said in ONE turn.
//
// Privacy and safety by shape: the request carries only the fields being asked and this turn's
// words (never the call history, never the caller's number); the result carries only values for
// those keys. There is no field for an action, a node or a transfer target, so a manipulated
// model cannot choose one. Implementations re-validate what the model returned: unknown keys
// are dropped, wrong types become null, choices must be one of the given values.
// Faults throw ProviderError (retryable for rate limits, 5xx, timeouts) so the runtime can fall
// back to the deterministic parser.

/** How a field's value is typed in the result: `number` → number, `yesno` → boolean, else string. */
export type ExtractionFieldType =
  'text' | 'name' | 'phone' | 'email' | 'date' | 'time' | 'datetime' | 'number' | 'choice' | 'yesno';

export interface ExtractionChoice {
  /** What the result carries. */
  value: string;
  /** What the caller may say (shown to the model as a hint). */
  label: string;
}

export interface ExtractionField {
  /** Key in the result, e.g. "name" (flow field key shape: `^[a-z][a-zA-Z0-9_]{0,63}$`). */
  key: string;
  type: ExtractionFieldType;
  /** Human label, e.g. "Ihr Name"; tells the model what the field means. */
  label: string;
  /** Only for `choice`: the result is one of these `value`s or null. */
  choices?: ExtractionChoice[];
}

export interface ExtractionRequest {
  fields: ExtractionField[];
  /** Only the caller's words of this turn — untrusted data, never instructions. */
  text: string;
  /** BCP-47 language of the flow, e.g. "de-DE". */
  language: string;
  /** Deadline for the whole request; providers apply their own default when absent. */
  timeoutMs?: number;
}

export type ExtractedValue = string | number | boolean | null;

export interface ExtractionResult {
  /** Exactly the asked keys (null when the caller did not say it). */
  values: Record<string, ExtractedValue>;
}

export interface Extractor {
  /** Rejects with ProviderError on faults, timeouts and aborts. */
  extract(req: ExtractionRequest, signal?: AbortSignal): Promise<ExtractionResult>;
}

/**
 * Conforms whatever a provider produced to the request: every asked key present, unknown keys
 * dropped, values of the wrong type → null, choices limited to the given values, strings trimmed
 * and bounded. Every Extractor runs its output through this before returning it.
 */
export function conformExtraction(fields: readonly ExtractionField[], raw: unknown): ExtractionResult {
  const source =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const values: Record<string, ExtractedValue> = {};
  for (const field of fields) {
    const value = Object.prototype.hasOwnProperty.call(source, field.key) ? source[field.key] : null;
    values[field.key] = conformValue(field, value);
  }
  return { values };
}

/** Longest string value kept; a turn's answer to one question is never longer. */
export const MAX_EXTRACTED_LENGTH = 500;

function conformValue(field: ExtractionField, value: unknown): ExtractedValue {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'yesno':
      return typeof value === 'boolean' ? value : null;
    case 'choice':
      return typeof value === 'string' && (field.choices ?? []).some((c) => c.value === value) ? value : null;
    default: {
      if (typeof value !== 'string') return null;
      const trimmed = value.trim();
      return trimmed.length > 0 && trimmed.length <= MAX_EXTRACTED_LENGTH ? trimmed : null;
    }
  }
}
