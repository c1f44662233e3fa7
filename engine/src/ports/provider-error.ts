// The one error type every provider (OpenAI, Google, ElevenLabs, Twilio, fakes) throws.
//
// The runtime turns it into an event so a flow can fall back (e.g. LLM → deterministic parser);
// `retryable` tells it whether trying again can help (429, 5xx, timeouts, network) or not (bad
// request, auth, a response that does not fit the schema). The message is built only from the
// provider and the code — never from request or response content — so it is safe to surface;
// logs still use `errorCode(err)` (= `code`) rather than the message.

export interface ProviderErrorInit {
  /** Lowercase vendor id: `openai`, `google`, `elevenlabs`, `twilio`, `fake`. */
  provider: string;
  /** Stable identifier, e.g. `timeout`, `rate_limited`, `unavailable`, `bad_response`, `auth`. */
  code: string;
  retryable: boolean;
  /** HTTP status if there was one. */
  status?: number;
  /** The original error, for debugging in a debugger only; never logged or serialized. */
  cause?: unknown;
}

/** Codes shared by providers; vendors may add their own (same identifier shape). */
export const PROVIDER_ERROR_CODES = {
  timeout: 'timeout',
  aborted: 'aborted',
  rateLimited: 'rate_limited',
  unavailable: 'unavailable',
  network: 'network',
  auth: 'auth',
  badRequest: 'bad_request',
  badResponse: 'bad_response',
} as const;

export class ProviderError extends Error {
  readonly provider: string;
  readonly code: string;
  readonly retryable: boolean;
  readonly status?: number;

  constructor(init: ProviderErrorInit) {
    super(`provider ${init.provider} failed: ${init.code}`);
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.code = init.code;
    this.retryable = init.retryable;
    if (init.status !== undefined) this.status = init.status;
    // Non-enumerable so JSON.stringify or a structured logger never walks into the vendor error.
    if (init.cause !== undefined)
      Object.defineProperty(this, 'cause', { value: init.cause, enumerable: false });
  }

  /** A plain summary without the cause, safe to put into an event for the interpreter. */
  toJSON(): { provider: string; code: string; retryable: boolean; status?: number } {
    return {
      provider: this.provider,
      code: this.code,
      retryable: this.retryable,
      ...(this.status !== undefined && { status: this.status }),
    };
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}
