// The team's part of the store: invitations, second factors, attempt limits, password-reset links
// and e-mail choices (issue 20). Re-exported by ./types, the store's one public face.
import type { Role } from './types';

/** An invitation into an organisation; the one-time token is stored only as its hash. */
export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface InvitationRepository {
  create(input: Omit<Invitation, 'id' | 'createdAt'> & { tokenHash: string }): Promise<Invitation>;
  /** The invitation behind a token hash, if it has not expired (does not consume it). */
  find(tokenHash: string, now: number): Promise<Invitation | undefined>;
  /** Consumes the invitation (one-time): returns it if it existed and had not expired. */
  take(tokenHash: string, now: number): Promise<Invitation | undefined>;
}

/** A person's second factor: the sealed TOTP secret, its recovery codes and the codes already used. */
export interface TwoFactorRepository {
  get(userId: string): Promise<{ secretSealed: string; confirmedAt: number | null } | undefined>;
  /** Starts (or restarts) an enrolment; false when a confirmed second factor exists already. */
  begin(userId: string, secretSealed: string): Promise<boolean>;
  /** Confirms the pending enrolment and replaces the recovery codes (hashes); false if none pends. */
  confirm(userId: string, recoveryCodeHashes: readonly string[]): Promise<boolean>;
  /** Switches the second factor off (secret, recovery codes and used steps go). */
  remove(userId: string): Promise<boolean>;
  /** Consumes a recovery code: true once, false ever after. */
  useRecoveryCode(userId: string, codeHash: string): Promise<boolean>;
  recoveryCodesLeft(userId: string): Promise<number>;
  /**
   * Records that a code of this time step was accepted; false when it was already (one code, one
   * login — across every process sharing the database). Steps older than `forgetBefore` are dropped.
   */
  claimStep(userId: string, step: number, options: { now: number; forgetBefore: number }): Promise<boolean>;
}

/** Fixed-window attempt counters in the database, so every process and instance counts together. */
export interface AttemptLimitRepository {
  /** Counts one attempt under `keyHash`; the window restarts when it is older than `windowMs`. */
  hit(keyHash: string, now: number, windowMs: number): Promise<{ count: number; windowStart: number }>;
  reset(keyHash: string): Promise<void>;
  /** Drops windows that started before `before`. */
  prune(before: number): Promise<number>;
}

export interface PasswordResetRepository {
  create(input: {
    tokenHash: string;
    userId: string;
    createdBy: string | null;
    expiresAt: number;
  }): Promise<void>;
  /** Consumes the link (one-time): the person it was for, if it existed and had not expired. */
  take(tokenHash: string, now: number): Promise<string | undefined>;
}

export const NOTIFICATION_LEVELS = ['all', 'urgent'] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

/** Who wants an e-mail when a call note of a flow arrives (per member and flow, opt-in). */
export interface NotificationChoiceRepository {
  get(tenantId: string, flowId: string, userId: string): Promise<NotificationLevel | null>;
  /** `null` switches the e-mail off. */
  set(tenantId: string, flowId: string, userId: string, level: NotificationLevel | null): Promise<void>;
  recipients(tenantId: string, flowId: string): Promise<{ userId: string; level: NotificationLevel }[]>;
}
