// Maps whatever the OpenAI SDK (or our own parsing) threw to a ProviderError.
// Retryable: rate limits, 5xx, timeouts and network faults. Not retryable: caller aborts,
// auth and request errors, and answers that do not fit the schema (the deterministic parser is
// the better fallback than asking again).
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { PROVIDER_ERROR_CODES as C, ProviderError } from '../../ports/provider-error.js';

const PROVIDER = 'openai';

export interface AbortReason {
  /** Our own deadline fired. */
  timedOut: boolean;
  /** The caller's signal fired (barge-in, hangup). */
  aborted: boolean;
}

export function toProviderError(err: unknown, reason: AbortReason): ProviderError {
  if (err instanceof ProviderError) return err;
  if (reason.timedOut) return make(C.timeout, true, err);
  if (reason.aborted) return make(C.aborted, false, err);
  if (err instanceof APIConnectionTimeoutError) return make(C.timeout, true, err);
  if (err instanceof APIUserAbortError) return make(C.aborted, false, err);
  if (err instanceof APIConnectionError) return make(C.network, true, err);
  if (err instanceof APIError && typeof err.status === 'number') return fromStatus(err.status, err);
  // A body that ends early or is not JSON surfaces as a fetch TypeError or a SyntaxError.
  return make(C.badResponse, false, err);
}

function fromStatus(status: number, err: unknown): ProviderError {
  if (status === 429) return make(C.rateLimited, true, err, status);
  if (status >= 500) return make(C.unavailable, true, err, status);
  if (status === 401 || status === 403) return make(C.auth, false, err, status);
  if (status === 408) return make(C.timeout, true, err, status);
  return make(C.badRequest, false, err, status);
}

export function badResponse(cause?: unknown): ProviderError {
  return make(C.badResponse, false, cause);
}

function make(code: string, retryable: boolean, cause: unknown, status?: number): ProviderError {
  return new ProviderError({ provider: PROVIDER, code, retryable, status, cause });
}
