// Two-factor login with time-based one-time codes (RFC 6238, via `otpauth`): enrolment (secret +
// QR code), confirmation with a first code (which hands out ten one-time recovery codes), and
// the check at login. The secret is stored sealed (AES-256-GCM, key derived from the master key,
// bound to the account by the AAD); recovery codes only as hashes. A code is accepted once: its
// time step is claimed in the database, so neither a replay nor a second process takes it again.
// Every try counts against a per-account limit shared by all processes (attempt-limit.ts).
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { open, seal } from '../privacy/envelope';
import type { Store, User } from '../store/types';
import { attemptLimiter, TWO_FACTOR_LIMIT } from './attempt-limit';
import { sha256Hex } from './secrets';

const ISSUER = 'Callflow';
const PERIOD_S = 30;
/** One step either side: a phone clock a little off still works. */
const WINDOW = 1;
const RECOVERY_CODES = 10;

export interface TwoFactorDeps {
  store: Pick<Store, 'twoFactor' | 'attemptLimits'>;
  /** records/derived-keys.ts `twoFactorSecretKey(masterKey)`. */
  key: Buffer;
  now: () => number;
}

const aad = (userId: string) => `callflow/totp-secret/v1/${userId}`;
const totp = (secret: Secret, label: string) =>
  new TOTP({ issuer: ISSUER, label, secret, algorithm: 'SHA1', digits: 6, period: PERIOD_S });

function openSecret(deps: TwoFactorDeps, userId: string, sealed: string): Secret {
  const bytes = open(deps.key, Buffer.from(sealed, 'base64'), aad(userId));
  try {
    return new Secret({ buffer: new Uint8Array(bytes).buffer });
  } finally {
    bytes.fill(0);
  }
}

export interface Enrolment {
  /** For typing in by hand (base32). */
  secret: string;
  otpauthUri: string;
  /** The same URI as an SVG QR code. */
  qrSvg: string;
}

/** Starts (or restarts) an enrolment; undefined when a confirmed second factor exists already. */
export async function startEnrolment(deps: TwoFactorDeps, user: User): Promise<Enrolment | undefined> {
  const secret = new Secret({ size: 20 });
  const sealed = seal(deps.key, Buffer.from(secret.bytes), aad(user.id)).toString('base64');
  if (!(await deps.store.twoFactor.begin(user.id, sealed))) return undefined;
  const otpauthUri = totp(secret, user.email).toString();
  return { secret: secret.base32, otpauthUri, qrSvg: await QRCode.toString(otpauthUri, { type: 'svg' }) };
}

export type CodeCheck = { ok: true } | { ok: false; retryAfter?: number };

/** Checks a TOTP code against the account's secret (pending or confirmed), once per time step. */
async function checkTotp(
  deps: TwoFactorDeps,
  userId: string,
  sealed: string,
  code: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const now = deps.now();
  const delta = totp(openSecret(deps, userId, sealed), userId).validate({
    token: code,
    timestamp: now,
    window: WINDOW,
  });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / PERIOD_S) + delta;
  const forgetBefore = now - (2 * WINDOW + 2) * PERIOD_S * 1000;
  return deps.store.twoFactor.claimStep(userId, step, { now, forgetBefore });
}

/** Counts the try against the account's limit; the seconds to wait when over it. */
async function limited(deps: TwoFactorDeps, userId: string): Promise<number> {
  return attemptLimiter(deps.store.attemptLimits, TWO_FACTOR_LIMIT).hit(userId, deps.now());
}

/** A right code clears the count: the limit is on wrong guesses, not on logging in. */
async function succeeded(deps: TwoFactorDeps, userId: string): Promise<void> {
  await attemptLimiter(deps.store.attemptLimits, TWO_FACTOR_LIMIT).reset(userId);
}

const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(8).toString('hex').slice(0, 12);
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  });
}

/** Confirms a pending enrolment with its first code; the recovery codes, shown once. */
export async function confirmEnrolment(
  deps: TwoFactorDeps,
  userId: string,
  code: string,
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; retryAfter?: number }> {
  const wait = await limited(deps, userId);
  if (wait > 0) return { ok: false, retryAfter: wait };
  const pending = await deps.store.twoFactor.get(userId);
  if (!pending || pending.confirmedAt !== null) return { ok: false };
  if (!(await checkTotp(deps, userId, pending.secretSealed, code.trim()))) return { ok: false };
  const recoveryCodes = newRecoveryCodes();
  const hashes = recoveryCodes.map((c) => sha256Hex(normaliseRecovery(c)));
  if (!(await deps.store.twoFactor.confirm(userId, hashes))) return { ok: false };
  await succeeded(deps, userId);
  return { ok: true, recoveryCodes };
}

/** Whether the account logs in with a second factor (a confirmed enrolment). */
export async function hasSecondFactor(deps: Pick<TwoFactorDeps, 'store'>, userId: string): Promise<boolean> {
  return ((await deps.store.twoFactor.get(userId))?.confirmedAt ?? null) !== null;
}

/**
 * The login's second step: a current TOTP code (each accepted once) or one of the recovery codes
 * (each usable once). Every try counts against the account's limit.
 */
export async function verifySecondFactor(
  deps: TwoFactorDeps,
  userId: string,
  code: string,
): Promise<CodeCheck> {
  const wait = await limited(deps, userId);
  if (wait > 0) return { ok: false, retryAfter: wait };
  const factor = await deps.store.twoFactor.get(userId);
  if (!factor || factor.confirmedAt === null) return { ok: false };
  const trimmed = code.trim();
  const recovery = normaliseRecovery(trimmed);
  const ok = /^\d{6}$/.test(trimmed)
    ? await checkTotp(deps, userId, factor.secretSealed, trimmed)
    : recovery.length === 12 && (await deps.store.twoFactor.useRecoveryCode(userId, sha256Hex(recovery)));
  if (ok) await succeeded(deps, userId);
  return { ok };
}
