// Bearer secrets (session cookies, API tokens, CSRF tokens): 32 random bytes, stored only as
// sha256. A fast hash is right here: the secrets are high-entropy, unlike passwords.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** API tokens look like `cf_<43 chars>` so secret scanners can recognise them. */
export const API_TOKEN_PREFIX = 'cf_';
