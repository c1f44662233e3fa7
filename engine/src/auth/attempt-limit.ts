// Attempt limits kept in the database (store.attemptLimits), so every server process and every
// instance behind a load balancer counts the same attempts: a guesser gains nothing by spreading
// tries over processes. Keys are stored as hashes, never as the e-mail address they may contain.
import type { AttemptLimitRepository } from '../store/types';
import { sha256Hex } from './secrets';

export interface AttemptLimiter {
  /** Counts one attempt; seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): Promise<number>;
  reset(key: string): Promise<void>;
}

export interface AttemptLimit {
  /** Names the limit, so equal keys of different limits never share a counter. */
  name: string;
  max: number;
  windowMs: number;
}

/** Login: 10 tries per client address and e-mail in 15 minutes. */
export const LOGIN_LIMIT: AttemptLimit = { name: 'login', max: 10, windowMs: 15 * 60_000 };
/** Second-factor codes: 5 wrong tries per account in 15 minutes, wherever they come from. */
export const TWO_FACTOR_LIMIT: AttemptLimit = { name: 'two-factor', max: 5, windowMs: 15 * 60_000 };
/** Reset e-mails: 3 per address and 3 per client in an hour (nobody gets flooded with mail). */
export const RESET_LIMIT: AttemptLimit = { name: 'password-reset', max: 3, windowMs: 60 * 60_000 };

export function attemptLimiter(repo: AttemptLimitRepository, limit: AttemptLimit): AttemptLimiter {
  const keyHash = (key: string) => sha256Hex(`${limit.name}|${key}`);
  return {
    async hit(key, now) {
      const { count, windowStart } = await repo.hit(keyHash(key), now, limit.windowMs);
      return count > limit.max ? Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000)) : 0;
    },
    reset: (key) => repo.reset(keyHash(key)),
  };
}
