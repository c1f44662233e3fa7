// A form that sends something to the server: the page must not reload, and a refusal is shown in
// the server's own words (they come in the user's language). A new try clears the last refusal
// first, so what the form shows after it (a new row, a message) never stands next to an old
// error, and a repeated refusal is announced again.
import { useState, type FormEvent } from 'react';
import { ApiFailure } from '../api';

export const failureText = (err: unknown): string => (err instanceof ApiFailure ? err.message : String(err));

/** `send` does the work; a thrown error becomes `error`. */
export function useSubmit(send: () => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await send();
    } catch (err) {
      setError(failureText(err));
    }
  };
  return { onSubmit, error };
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
