// The one place a user row is shaped, so both dialects store the same defaults.
import { newId } from './ids';
import type { User } from './types';

export function newUser(
  email: string,
  passwordHash: string,
  options: { name?: string | null; isOperator?: boolean },
  createdAt: number,
): User {
  return {
    id: newId('usr'),
    email: email.toLowerCase(),
    passwordHash,
    name: options.name ?? null,
    isOperator: options.isOperator ?? false,
    createdAt,
  };
}
