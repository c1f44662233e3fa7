// ElevenLabs failures as ProviderErrors with PII-free codes, for every use of the SDK.
import type { ElevenLabsError } from '@elevenlabs/elevenlabs-js';
import { ProviderError } from '../../ports/provider-error';

export function fault(
  code: string,
  retryable: boolean,
  status: number | undefined,
  cause: unknown,
): ProviderError {
  return new ProviderError({ provider: 'elevenlabs', code, retryable, ...(status ? { status } : {}), cause });
}

export function toProviderError(error: unknown, sdkError: typeof ElevenLabsError): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof sdkError && error.statusCode) {
    const status = error.statusCode;
    if (status === 401 || status === 403) return fault('auth', false, status, error);
    if (status === 429) return fault('rate_limited', true, status, error);
    if (status >= 500) return fault('unavailable', true, status, error);
    return fault('bad_request', false, status, error);
  }
  // Timeouts of the SDK, refused connections and bodies cut off mid-stream.
  return fault('network', true, undefined, error);
}
