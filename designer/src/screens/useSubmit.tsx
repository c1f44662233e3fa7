// A form that sends something to the server: the page must not reload, a refusal is shown in the
// server's own words (they come in the user's language) and disappears once a later try succeeds.
import { useState, type FormEvent } from 'react';
import { ApiFailure } from '../api';

export const failureText = (err: unknown): string => (err instanceof ApiFailure ? err.message : String(err));

/** `send` does the work; a thrown error becomes `error`, a success clears it. */
export function useSubmit(send: () => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await send();
      setError(null);
    } catch (err) {
      setError(failureText(err));
    }
  };
  return { onSubmit, error, setError };
}

/** The refusal, read out by screen readers the moment it appears. */
export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}
