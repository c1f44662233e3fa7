// Receipt-chain checkpoints, their signing keys and the organisations' receipts webhooks on SQLite.
import { and, asc, desc, eq, exists, gt, gte, lte, or, sql } from 'drizzle-orm';
import type { CheckpointRepository, ReceiptWebhookRepository } from '../../records/types';
import { freshWebhook, toCheckpoint, toReceiptWebhook } from '../checkpoint-rows';
import type { SqliteDb } from './open';
import { receiptCheckpoints, receiptHeads, receiptSigningKeys, receiptWebhooks } from './records-schema';

const ofTenant = (tenantId: string) => eq(receiptCheckpoints.tenantId, tenantId);
const newestFirst = [desc(receiptCheckpoints.count), desc(receiptCheckpoints.final)];

export function checkpointRepository(db: SqliteDb): CheckpointRepository {
  return {
    async add(tenantId, cp) {
      if (cp.tenantId !== tenantId) throw new Error('checkpoint of another tenant');
      const { format: _format, ...row } = cp;
      db.insert(receiptCheckpoints).values(row).onConflictDoNothing().run();
      const kept = db
        .select()
        .from(receiptCheckpoints)
        .where(
          and(
            ofTenant(tenantId),
            eq(receiptCheckpoints.count, cp.count),
            eq(receiptCheckpoints.final, cp.final),
          ),
        )
        .get();
      return toCheckpoint(kept!);
    },
    async latest(tenantId) {
      const row = db
        .select()
        .from(receiptCheckpoints)
        .where(ofTenant(tenantId))
        .orderBy(...newestFirst)
        .get();
      return row && toCheckpoint(row);
    },
    async list(tenantId, { limit }) {
      return db
        .select()
        .from(receiptCheckpoints)
        .where(ofTenant(tenantId))
        .orderBy(...newestFirst)
        .limit(limit)
        .all()
        .map(toCheckpoint);
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
      return db
        .select({ tenantId: receiptHeads.tenantId })
        .from(receiptHeads)
        .where(sql`not ${exists(covered)}`)
        .orderBy(asc(receiptHeads.tenantId))
        .all()
        .map((r) => r.tenantId);
    },
    async registerKey(key, now) {
      db.insert(receiptSigningKeys)
        .values({ ...key, createdAt: now })
        .onConflictDoNothing()
        .run();
    },
    async keys() {
      return db.select().from(receiptSigningKeys).orderBy(asc(receiptSigningKeys.createdAt)).all();
    },
  };
}

export function receiptWebhookRepository(db: SqliteDb): ReceiptWebhookRepository {
  const ofTenantHook = (tenantId: string) => eq(receiptWebhooks.tenantId, tenantId);
  return {
    async get(tenantId) {
      const row = db.select().from(receiptWebhooks).where(ofTenantHook(tenantId)).get();
      return row && toReceiptWebhook(row);
    },
    async set(tenantId, url, now) {
      if (url === null) {
        db.delete(receiptWebhooks).where(ofTenantHook(tenantId)).run();
        return;
      }
      const fresh = freshWebhook(url, now);
      db.insert(receiptWebhooks)
        .values({ tenantId, ...fresh })
        .onConflictDoUpdate({ target: receiptWebhooks.tenantId, set: fresh })
        .run();
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
      return db
        .select({ tenantId: receiptWebhooks.tenantId })
        .from(receiptWebhooks)
        .where(and(lte(receiptWebhooks.nextAttemptAt, now), exists(undelivered)))
        .orderBy(asc(receiptWebhooks.nextAttemptAt))
        .all()
        .map((r) => r.tenantId);
    },
    async claim(tenantId, seenNextAttemptAt, leaseUntil) {
      const claimed = db
        .update(receiptWebhooks)
        .set({ nextAttemptAt: leaseUntil })
        .where(and(ofTenantHook(tenantId), eq(receiptWebhooks.nextAttemptAt, seenNextAttemptAt)))
        .run();
      return claimed.changes > 0;
    },
    async delivered(tenantId, cp, now) {
      db.update(receiptWebhooks)
        .set({ deliveredCount: cp.count, deliveredFinal: cp.final, attempts: 0, nextAttemptAt: now })
        .where(ofTenantHook(tenantId))
        .run();
    },
    async failed(tenantId, attempts, nextAttemptAt) {
      db.update(receiptWebhooks).set({ attempts, nextAttemptAt }).where(ofTenantHook(tenantId)).run();
    },
  };
}
