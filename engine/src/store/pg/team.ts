// The team's repositories on PostgreSQL (mirrors ../sqlite/team.ts). Claims and counters are
// single statements, so several instances sharing the database count and remember together.
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type {
  AttemptLimitRepository,
  NotificationChoiceRepository,
  PasswordResetRepository,
  TwoFactorRepository,
} from '../types';
import type { PgDb } from './open';
import {
  attemptLimits,
  notificationChoices,
  passwordResets,
  recoveryCodes,
  twoFactor,
  usedTotpSteps,
} from './team-schema';

type Now = () => number;
const changed = (res: { rowCount: number | null }) => (res.rowCount ?? 0) > 0;

export function twoFactorRepository(db: PgDb, now: Now): TwoFactorRepository {
  return {
    async get(userId) {
      return (
        await db
          .select({ secretSealed: twoFactor.secretSealed, confirmedAt: twoFactor.confirmedAt })
          .from(twoFactor)
          .where(eq(twoFactor.userId, userId))
      )[0];
    },
    async begin(userId, secretSealed) {
      const row = { userId, secretSealed, confirmedAt: null, createdAt: now() };
      // Only an unconfirmed enrolment may be replaced: a confirmed factor is switched off first.
      const res = await db
        .insert(twoFactor)
        .values(row)
        .onConflictDoUpdate({ target: twoFactor.userId, set: row, setWhere: isNull(twoFactor.confirmedAt) });
      return changed(res);
    },
    async confirm(userId, hashes) {
      return db.transaction(async (tx) => {
        const done = await tx
          .update(twoFactor)
          .set({ confirmedAt: now() })
          .where(and(eq(twoFactor.userId, userId), isNull(twoFactor.confirmedAt)));
        if (!changed(done)) return false;
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        if (hashes.length > 0)
          await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
        return true;
      });
    },
    async remove(userId) {
      return db.transaction(async (tx) => {
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        await tx.delete(usedTotpSteps).where(eq(usedTotpSteps.userId, userId));
        return changed(await tx.delete(twoFactor).where(eq(twoFactor.userId, userId)));
      });
    },
    async useRecoveryCode(userId, codeHash) {
      return changed(
        await db
          .delete(recoveryCodes)
          .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash))),
      );
    },
    async recoveryCodesLeft(userId) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(recoveryCodes)
        .where(eq(recoveryCodes.userId, userId));
      return row.n;
    },
    async claimStep(userId, step, { now: at, forgetBefore }) {
      await db
        .delete(usedTotpSteps)
        .where(and(eq(usedTotpSteps.userId, userId), lt(usedTotpSteps.usedAt, forgetBefore)));
      // The primary key decides: of two instances claiming the same step, one inserts.
      return changed(
        await db.insert(usedTotpSteps).values({ userId, step, usedAt: at }).onConflictDoNothing(),
      );
    },
  };
}

export function attemptLimitRepository(db: PgDb): AttemptLimitRepository {
  return {
    async hit(keyHash, at, windowMs) {
      // One statement: a fresh window or one more attempt in the running one, whoever else counts.
      const expired = sql`${attemptLimits.windowStart} <= ${at - windowMs}`;
      const [row] = await db
        .insert(attemptLimits)
        .values({ keyHash, windowStart: at, count: 1 })
        .onConflictDoUpdate({
          target: attemptLimits.keyHash,
          set: {
            count: sql`CASE WHEN ${expired} THEN 1 ELSE ${attemptLimits.count} + 1 END`,
            windowStart: sql`CASE WHEN ${expired} THEN ${at}::bigint ELSE ${attemptLimits.windowStart} END`,
          },
        })
        .returning({ count: attemptLimits.count, windowStart: attemptLimits.windowStart });
      return row;
    },
    async reset(keyHash) {
      await db.delete(attemptLimits).where(eq(attemptLimits.keyHash, keyHash));
    },
    async prune(before) {
      return (await db.delete(attemptLimits).where(lt(attemptLimits.windowStart, before))).rowCount ?? 0;
    },
  };
}

export function passwordResetRepository(db: PgDb, now: Now): PasswordResetRepository {
  return {
    async create(input) {
      await db.insert(passwordResets).values({ ...input, createdAt: now() });
    },
    async take(tokenHash, at) {
      const [row] = await db
        .delete(passwordResets)
        .where(and(eq(passwordResets.tokenHash, tokenHash), gt(passwordResets.expiresAt, at)))
        .returning({ userId: passwordResets.userId });
      return row?.userId;
    },
  };
}

export function notificationChoiceRepository(db: PgDb): NotificationChoiceRepository {
  const one = (tenantId: string, flowId: string, userId: string) =>
    and(
      eq(notificationChoices.tenantId, tenantId),
      eq(notificationChoices.flowId, flowId),
      eq(notificationChoices.userId, userId),
    );
  return {
    async get(tenantId, flowId, userId) {
      const [row] = await db
        .select({ level: notificationChoices.level })
        .from(notificationChoices)
        .where(one(tenantId, flowId, userId));
      return row?.level ?? null;
    },
    async set(tenantId, flowId, userId, level) {
      if (level === null) {
        await db.delete(notificationChoices).where(one(tenantId, flowId, userId));
        return;
      }
      await db
        .insert(notificationChoices)
        .values({ tenantId, flowId, userId, level })
        .onConflictDoUpdate({
          target: [notificationChoices.tenantId, notificationChoices.flowId, notificationChoices.userId],
          set: { level },
        });
    },
    async recipients(tenantId, flowId) {
      return db
        .select({ userId: notificationChoices.userId, level: notificationChoices.level })
        .from(notificationChoices)
        .where(and(eq(notificationChoices.tenantId, tenantId), eq(notificationChoices.flowId, flowId)));
    },
  };
}
