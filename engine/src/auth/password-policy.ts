// What a new password must be: long enough, and not one of the passwords attackers try first.
// The list is zxcvbn-ts's kept list of common passwords (`passwords-common`, ~49,000 entries
// from real breaches), not a hand-made one. A common word with digits or signs tacked on
// ("passwort2024!") is as weak as the word, so that ending is stripped before the look-up too.
import { dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_LENGTH } from './passwords';

export const MAX_PASSWORD_LENGTH = 1024;

let common: ReadonlySet<string> | undefined;
const commonPasswords = (): ReadonlySet<string> =>
  (common ??= new Set(dictionary['passwords-common'].map((w) => String(w).toLowerCase())));

export type PasswordProblem = 'password.too_short' | 'password.too_long' | 'password.common';

/** Why a new password is refused, or undefined when it may be used. */
export function passwordProblem(password: string): PasswordProblem | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password.too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'password.too_long';
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const list = commonPasswords();
  if (list.has(lower) || (stem.length >= 4 && list.has(stem))) return 'password.common';
  return undefined;
}
