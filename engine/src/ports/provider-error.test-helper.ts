// For provider tests: the ProviderError a call rejects with (fails the test when it resolves or
// rejects with anything else).
import { expect } from 'vitest';
import { ProviderError } from './provider-error.js';

export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}
