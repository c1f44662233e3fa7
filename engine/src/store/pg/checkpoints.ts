// Receipt-chain checkpoints, their signing keys and the organisations' receipts webhooks on
// PostgreSQL (mirrors ../sqlite/checkpoints.ts).
import { and, asc, desc, eq, exists, gt, gte, lte, or, sql } from 'drizzle-orm';
import type { CheckpointRepository, ReceiptWebhookRepository } from '../../records/types';
import { freshWebhook, toCheckpoint, toReceiptWebhook } from '../checkpoint-rows';
import type { PgDb } from './open';
import { receiptCheckpoints, receiptHeads, receiptSigningKeys, receiptWebhooks } from './records-schema';

const ofTenant = (tenantId: string) => eq(receiptCheckpoints.tenantId, tenantId);
const newestFirst = [desc(receiptCheckpoints.count), desc(receiptCheckpoints.final)];

export function checkpointRepository(db: PgDb): CheckpointRepository {
  return {
    async add(tenantId, cp) {
      if (cp.tenantId !== tenantId) throw new Error('checkpoint of another tenant');
      const { format: _format, ...row } = cp;
      await db.insert(receiptCheckpoints).values(row).onConflictDoNothing();
      const [kept] = await db
        .select()
        .from(receiptCheckpoints)
        .where(
          and(
            ofTenant(tenantId),
            eq(receiptCheckpoints.count, cp.count),
            eq(receiptCheckpoints.final, cp.final),
          ),
        );
      return toCheckpoint(kept);
    },
    async latest(tenantId) {
      const [row] = await db
        .select()
        .from(receiptCheckpoints)
        .where(ofTenant(tenantId))
        .orderBy(...newestFirst)
        .limit(1);
      return row && toCheckpoint(row);
    },
    async list(tenantId, { limit }) {
      const rows = await db
        .select()
        .from(receiptCheckpoints)
        .where(ofTenant(tenantId))
        .orderBy(...newestFirst)
        .limit(limit);
      return rows.map(toCheckpoint);
    },
    async behindHeads() {
      const covered = db
        .select({ one: sql`1` })
        .from(receiptCheckpoints)
        .where(
          and(
            eq(receiptCheckpoints.tenantId, receiptHeads.tenantId),
            gte(receiptCheckpoints.count, receiptHeads.seq),
          ),
        );
      const rows = await db
        .select({ tenantId: receiptHeads.tenantId })
        .from(receiptHeads)
        .where(sql`not ${exists(covered)}`)
        .orderBy(asc(receiptHeads.tenantId));
      return rows.map((r) => r.tenantId);
    },
    async registerKey(key, now) {
      await db
        .insert(receiptSigningKeys)
        .values({ ...key, createdAt: now })
        .onConflictDoNothing();
    },
    async keys() {
      return db.select().from(receiptSigningKeys).orderBy(asc(receiptSigningKeys.createdAt));
    },
  };
}

export function receiptWebhookRepository(db: PgDb): ReceiptWebhookRepository {
  const ofTenantHook = (tenantId: string) => eq(receiptWebhooks.tenantId, tenantId);
  return {
    async get(tenantId) {
      const [row] = await db.select().from(receiptWebhooks).where(ofTenantHook(tenantId));
      return row && toReceiptWebhook(row);
    },
    async set(tenantId, url, now) {
      if (url === null) {
        await db.delete(receiptWebhooks).where(ofTenantHook(tenantId));
        return;
      }
      const fresh = freshWebhook(url, now);
      await db
        .insert(receiptWebhooks)
        .values({ tenantId, ...fresh })
        .onConflictDoUpdate({ target: receiptWebhooks.tenantId, set: fresh });
    },
    async due(now) {
      const undelivered = db
        .select({ one: sql`1` })
        .from(receiptCheckpoints)
        .where(
          and(
            eq(receiptCheckpoints.tenantId, receiptWebhooks.tenantId),
            or(
              gt(receiptCheckpoints.count, receiptWebhooks.deliveredCount),
              and(
                eq(receiptCheckpoints.count, receiptWebhooks.deliveredCount),
                eq(receiptCheckpoints.final, true),
                eq(receiptWebhooks.deliveredFinal, false),
              ),
            ),
          ),
        );
      const rows = await db
        .select({ tenantId: receiptWebhooks.tenantId })
        .from(receiptWebhooks)
        .where(and(lte(receiptWebhooks.nextAttemptAt, now), exists(undelivered)))
        .orderBy(asc(receiptWebhooks.nextAttemptAt));
      return rows.map((r) => r.tenantId);
    },
    async claim(tenantId, seenNextAttemptAt, leaseUntil) {
      const claimed = await db
        .update(receiptWebhooks)
        .set({ nextAttemptAt: leaseUntil })
        .where(and(ofTenantHook(tenantId), eq(receiptWebhooks.nextAttemptAt, seenNextAttemptAt)));
      return (claimed.rowCount ?? 0) > 0;
    },
    async delivered(tenantId, cp, now) {
      await db
        .update(receiptWebhooks)
        .set({ deliveredCount: cp.count, deliveredFinal: cp.final, attempts: 0, nextAttemptAt: now })
        .where(ofTenantHook(tenantId));
    },
    async failed(tenantId, attempts, nextAttemptAt) {
      await db.update(receiptWebhooks).set({ attempts, nextAttemptAt }).where(ofTenantHook(tenantId));
    },
  };
}
