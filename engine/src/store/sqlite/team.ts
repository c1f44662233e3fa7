// The team's repositories on SQLite: second factors, attempt limits, password-reset links and
// notification choices (tables in ./team-schema.ts).
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type {
  AttemptLimitRepository,
  NotificationChoiceRepository,
  PasswordResetRepository,
  TwoFactorRepository,
} from '../types';
import type { SqliteDb } from './open';
import {
  attemptLimits,
  notificationChoices,
  passwordResets,
  recoveryCodes,
  twoFactor,
  usedTotpSteps,
} from './team-schema';

type Now = () => number;

export function twoFactorRepository(db: SqliteDb, now: Now): TwoFactorRepository {
  return {
    async get(userId) {
      return db
        .select({ secretSealed: twoFactor.secretSealed, confirmedAt: twoFactor.confirmedAt })
        .from(twoFactor)
        .where(eq(twoFactor.userId, userId))
        .get();
    },
    async begin(userId, secretSealed) {
      const row = { userId, secretSealed, confirmedAt: null, createdAt: now() };
      // Only an unconfirmed enrolment may be replaced: a confirmed factor is switched off first.
      const res = db
        .insert(twoFactor)
        .values(row)
        .onConflictDoUpdate({ target: twoFactor.userId, set: row, setWhere: isNull(twoFactor.confirmedAt) })
        .run();
      return res.changes > 0;
    },
    async confirm(userId, hashes) {
      return db.transaction((tx) => {
        const done = tx
          .update(twoFactor)
          .set({ confirmedAt: now() })
          .where(and(eq(twoFactor.userId, userId), isNull(twoFactor.confirmedAt)))
          .run().changes;
        if (done === 0) return false;
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
        if (hashes.length > 0)
          tx.insert(recoveryCodes)
            .values(hashes.map((codeHash) => ({ userId, codeHash })))
            .run();
        return true;
      });
    },
    async remove(userId) {
      return db.transaction((tx) => {
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
        tx.delete(usedTotpSteps).where(eq(usedTotpSteps.userId, userId)).run();
        return tx.delete(twoFactor).where(eq(twoFactor.userId, userId)).run().changes > 0;
      });
    },
    async useRecoveryCode(userId, codeHash) {
      const res = db
        .delete(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash)))
        .run();
      return res.changes > 0;
    },
    async recoveryCodesLeft(userId) {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(recoveryCodes)
        .where(eq(recoveryCodes.userId, userId))
        .get();
      return row?.n ?? 0;
    },
    async claimStep(userId, step, { now: at, forgetBefore }) {
      return db.transaction((tx) => {
        tx.delete(usedTotpSteps)
          .where(and(eq(usedTotpSteps.userId, userId), lt(usedTotpSteps.usedAt, forgetBefore)))
          .run();
        const res = tx.insert(usedTotpSteps).values({ userId, step, usedAt: at }).onConflictDoNothing().run();
        return res.changes > 0;
      });
    },
  };
}

export function attemptLimitRepository(db: SqliteDb): AttemptLimitRepository {
  return {
    async hit(keyHash, at, windowMs) {
      // One statement: a fresh window or one more attempt in the running one, whoever else counts.
      const expired = sql`${attemptLimits.windowStart} <= ${at - windowMs}`;
      const row = db
        .insert(attemptLimits)
        .values({ keyHash, windowStart: at, count: 1 })
        .onConflictDoUpdate({
          target: attemptLimits.keyHash,
          set: {
            count: sql`CASE WHEN ${expired} THEN 1 ELSE ${attemptLimits.count} + 1 END`,
            windowStart: sql`CASE WHEN ${expired} THEN ${at} ELSE ${attemptLimits.windowStart} END`,
          },
        })
        .returning({ count: attemptLimits.count, windowStart: attemptLimits.windowStart })
        .get();
      return row;
    },
    async reset(keyHash) {
      db.delete(attemptLimits).where(eq(attemptLimits.keyHash, keyHash)).run();
    },
    async prune(before) {
      return db.delete(attemptLimits).where(lt(attemptLimits.windowStart, before)).run().changes;
    },
  };
}

export function passwordResetRepository(db: SqliteDb, now: Now): PasswordResetRepository {
  return {
    async create(input) {
      db.insert(passwordResets)
        .values({ ...input, createdAt: now() })
        .run();
    },
    async take(tokenHash, at) {
      const row = db
        .delete(passwordResets)
        .where(and(eq(passwordResets.tokenHash, tokenHash), gt(passwordResets.expiresAt, at)))
        .returning({ userId: passwordResets.userId })
        .get();
      return row?.userId;
    },
  };
}

export function notificationChoiceRepository(db: SqliteDb): NotificationChoiceRepository {
  const one = (tenantId: string, flowId: string, userId: string) =>
    and(
      eq(notificationChoices.tenantId, tenantId),
      eq(notificationChoices.flowId, flowId),
      eq(notificationChoices.userId, userId),
    );
  return {
    async get(tenantId, flowId, userId) {
      const row = db
        .select({ level: notificationChoices.level })
        .from(notificationChoices)
        .where(one(tenantId, flowId, userId))
        .get();
      return row?.level ?? null;
    },
    async set(tenantId, flowId, userId, level) {
      if (level === null) {
        db.delete(notificationChoices)
          .where(one(tenantId, flowId, userId))
          .run();
        return;
      }
      db.insert(notificationChoices)
        .values({ tenantId, flowId, userId, level })
        .onConflictDoUpdate({
          target: [notificationChoices.tenantId, notificationChoices.flowId, notificationChoices.userId],
          set: { level },
        })
        .run();
    },
    async recipients(tenantId, flowId) {
      return db
        .select({ userId: notificationChoices.userId, level: notificationChoices.level })
        .from(notificationChoices)
        .where(and(eq(notificationChoices.tenantId, tenantId), eq(notificationChoices.flowId, flowId)))
        .all();
    },
  };
}
