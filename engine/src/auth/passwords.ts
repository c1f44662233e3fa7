// Password hashing with argon2id (OWASP's first choice). Parameters: 19 MiB, t=2, p=1.
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id`; the package exports a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2;

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Spent on unknown e-mails too, so response time does not reveal which accounts exist. */
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('callflow-timing-equaliser');
  await verifyPassword(await dummy, password);
}
