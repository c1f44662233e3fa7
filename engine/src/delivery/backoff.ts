// When to try a failed webhook delivery again: exponential backoff from 10 s, capped at one
// hour between attempts, giving up 24 hours after the first attempt (issue #5). Deterministic
// (no jitter) so the schedule is testable; instances spread naturally because calls end at
// different times.
export const FIRST_RETRY_MS = 10_000;
export const MAX_RETRY_INTERVAL_MS = 60 * 60 * 1000;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Delay before attempt number `attempt + 1`, given that `attempt` attempts (≥ 1) have failed and
 * the first one was made at `firstAttemptAt`. Returns null when the next attempt would fall after
 * the 24-hour window: the delivery has failed for good.
 */
export function nextRetryDelay(attempt: number, firstAttemptAt: number, now: number): number | null {
  const delay = retryInterval(attempt);
  if (now + delay - firstAttemptAt > GIVE_UP_AFTER_MS) return null;
  return delay;
}

/** Delay after `attempt` (≥ 1) failed attempts: 10 s doubling, capped at one hour. */
export function retryInterval(attempt: number): number {
  return Math.min(MAX_RETRY_INTERVAL_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
}
