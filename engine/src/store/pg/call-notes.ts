// Call notes, tenant keys and deletion receipts on PostgreSQL (mirrors ../sqlite/call-notes.ts).
// Differences that matter with several instances: the receipt chain of a tenant is serialised by a
// lock on its head row inside the shredding transaction, and a note deleted twice at once yields
// one receipt (the second DELETE waits for the first and then finds no row).
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { nextReceipt, type Receipt } from '../../privacy/receipts';
import type {
  CallNoteRepository,
  NoteSummary,
  ReceiptRepository,
  StoredNote,
  TenantKeyRepository,
} from '../../records/types';
import type { AsyncKeyStore } from './keystore';
import type { PgDb } from './open';
import { callNotes, callNoteSubjects, deletionReceipts, receiptHeads, tenantKeys } from './records-schema';
import { toNote, webhookColumns } from '../call-note-rows';

type NoteRow = typeof callNotes.$inferSelect;

const ORPHAN_GRACE_SECONDS = 600;
type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** Derived from the tenant id, so the first receipt of a tenant (no head row to lock yet) serialises too. */
const chainLock = (tenantId: string) =>
  sql`SELECT pg_advisory_xact_lock(hashtextextended(${'receipts:' + tenantId}, 0))`;

async function appendReceipt(
  tx: Tx,
  hmacKey: Buffer,
  input: Parameters<typeof nextReceipt>[2],
): Promise<Receipt> {
  await tx.execute(chainLock(input.tenantId));
  const previous = (
    await tx.select().from(receiptHeads).where(eq(receiptHeads.tenantId, input.tenantId)).for('update')
  )[0];
  const next = nextReceipt(hmacKey, previous, input);
  await tx.insert(deletionReceipts).values(next.receipt);
  await tx
    .insert(receiptHeads)
    .values(next.head)
    .onConflictDoUpdate({ target: receiptHeads.tenantId, set: next.head });
  return next.receipt;
}

export function callNoteRepository(db: PgDb, keys: AsyncKeyStore): CallNoteRepository {
  const key = (tenantId: string, txId: string) =>
    and(eq(callNotes.tenantId, tenantId), eq(callNotes.txId, txId));
  const subjectsOf = async (tenantId: string, txId: string) =>
    (
      await db
        .select({ k: callNoteSubjects.subjectKey })
        .from(callNoteSubjects)
        .where(and(eq(callNoteSubjects.tenantId, tenantId), eq(callNoteSubjects.txId, txId)))
    ).map((r) => r.k);
  const load = async (row: NoteRow | undefined) =>
    row &&
    toNote(
      row,
      await subjectsOf(row.tenantId, row.txId),
      (await keys.get(row.tenantId, row.txId))?.wrappedKey,
    );
  const writeSubjects = async (tx: Tx, tenantId: string, txId: string, subjectKeys: string[]) => {
    await tx
      .delete(callNoteSubjects)
      .where(and(eq(callNoteSubjects.tenantId, tenantId), eq(callNoteSubjects.txId, txId)));
    if (subjectKeys.length > 0)
      await tx
        .insert(callNoteSubjects)
        .values(subjectKeys.map((subjectKey) => ({ tenantId, txId, subjectKey })));
  };
  return {
    async insert(note) {
      const { subjectKeys, webhook, wrappedDataKey, ...columns } = note;
      // Key first: a crash before the row leaves an orphan key (swept), never an unreadable row.
      await keys.put(note.tenantId, note.txId, note.keyId, wrappedDataKey);
      await db.transaction(async (tx) => {
        await tx.insert(callNotes).values({ ...columns, ...webhookColumns(webhook) });
        await writeSubjects(tx, note.tenantId, note.txId, subjectKeys);
      });
    },
    async get(tenantId, txId) {
      return load((await db.select().from(callNotes).where(key(tenantId, txId)))[0]);
    },
    async list(tenantId, opts = {}) {
      const rows = await db
        .select({
          txId: callNotes.txId,
          flowId: callNotes.flowId,
          flowVersion: callNotes.flowVersion,
          test: callNotes.test,
          createdAt: callNotes.createdAt,
          expiresAt: callNotes.expiresAt,
          status: callNotes.status,
          restricted: callNotes.restricted,
        })
        .from(callNotes)
        .where(
          and(
            eq(callNotes.tenantId, tenantId),
            isNull(callNotes.shredReason),
            opts.includeTest === false ? eq(callNotes.test, false) : undefined,
          ),
        )
        .orderBy(desc(callNotes.createdAt))
        .limit(Math.min(Math.max(opts.limit ?? 100, 1), 1000));
      return rows satisfies NoteSummary[];
    },
    async bySubject(tenantId, subjectKey) {
      const txIds = (
        await db
          .select({ txId: callNoteSubjects.txId })
          .from(callNoteSubjects)
          .where(and(eq(callNoteSubjects.tenantId, tenantId), eq(callNoteSubjects.subjectKey, subjectKey)))
      ).map((r) => r.txId);
      if (txIds.length === 0) return [];
      const rows = await db
        .select()
        .from(callNotes)
        .where(and(eq(callNotes.tenantId, tenantId), inArray(callNotes.txId, txIds)));
      const notes = await Promise.all(rows.map(load));
      return notes.filter((n): n is StoredNote => n !== undefined);
    },
    async update(tenantId, txId, patch) {
      const { webhook, subjectKeys, wrappedDataKey, ...columns } = patch;
      const current = (
        await db.select({ shredReason: callNotes.shredReason }).from(callNotes).where(key(tenantId, txId))
      )[0];
      if (!current || current.shredReason) return false;
      // Re-sealing (rectification) replaces the data key by overwriting it; rectify then compacts, so
      // the old key also leaves the WAL (SQLite) / dead row versions (PostgreSQL VACUUM).
      if (wrappedDataKey && columns.keyId) await keys.put(tenantId, txId, columns.keyId, wrappedDataKey);
      const set = { ...columns, ...(webhook !== undefined ? webhookColumns(webhook) : {}) };
      return db.transaction(async (tx) => {
        const changed =
          Object.keys(set).length > 0
            ? ((
                await tx
                  .update(callNotes)
                  .set(set)
                  .where(and(key(tenantId, txId), isNull(callNotes.shredReason)))
              ).rowCount ?? 0) > 0
            : (await tx.select({ t: callNotes.txId }).from(callNotes).where(key(tenantId, txId))).length > 0;
        if (changed && subjectKeys) await writeSubjects(tx, tenantId, txId, subjectKeys);
        return changed;
      });
    },
    async shred({ tenantId, txId, reason, deletedAt }, hmacKey) {
      // The same three durable, resumable steps as on SQLite: (1) mark (the reason survives a
      // crash), (2) destroy the data key in the key store, (3) delete the row and append the
      // receipt in one transaction. `pendingShreds` finishes whatever a crash interrupted.
      const marked = (
        await db
          .select({ keyId: callNotes.keyId, shredReason: callNotes.shredReason })
          .from(callNotes)
          .where(key(tenantId, txId))
      )[0];
      if (!marked) return undefined;
      if (!marked.shredReason) {
        await db
          .update(callNotes)
          .set({ shredReason: reason })
          .where(and(key(tenantId, txId), isNull(callNotes.shredReason)));
      }
      await keys.destroy(tenantId, txId);
      return db.transaction(async (tx) => {
        // Row lock first: a concurrent shred of the same note waits here, then finds nothing.
        const row = (
          await tx
            .select({ reason: callNotes.shredReason })
            .from(callNotes)
            .where(key(tenantId, txId))
            .for('update')
        )[0];
        if (!row) return undefined;
        await tx
          .delete(callNoteSubjects)
          .where(and(eq(callNoteSubjects.tenantId, tenantId), eq(callNoteSubjects.txId, txId)));
        await tx.delete(callNotes).where(key(tenantId, txId));
        return appendReceipt(tx, hmacKey, {
          txId,
          tenantId,
          reason: row.reason ?? reason,
          deletedAt: new Date(deletedAt).toISOString(),
          keyId: marked.keyId,
        });
      });
    },
    async pendingShreds(limit) {
      return (
        await db
          .select({ tenantId: callNotes.tenantId, txId: callNotes.txId, reason: callNotes.shredReason })
          .from(callNotes)
          .where(isNotNull(callNotes.shredReason))
          .limit(limit)
      ).map((r) => ({ tenantId: r.tenantId, txId: r.txId, reason: r.reason! }));
    },
    async sweepOrphanKeys() {
      // Only keys older than the grace period: a note being inserted right now (on any instance)
      // has written its key but not yet its row, and must not lose the key.
      let swept = 0;
      for (const k of await keys.all(ORPHAN_GRACE_SECONDS)) {
        const exists =
          (await db.select({ t: callNotes.txId }).from(callNotes).where(key(k.tenantId, k.txId))).length > 0;
        if (!exists && (await keys.destroy(k.tenantId, k.txId))) swept += 1;
      }
      return swept;
    },
    compact: coalesced(async () => {
      // Lets autovacuum's work happen now for the tables that held deleted notes. Old row versions
      // may physically stay in free space and WAL until reused: they are ciphertext whose data key
      // is destroyed (README "PostgreSQL", VACUUM policy). TRUNCATE false: giving the file's empty
      // tail back would take an ACCESS EXCLUSIVE lock that waits behind every in-flight shred
      // (which holds pool connections the others need) — many shreds at once then stalled.
      await db.execute(sql`VACUUM (TRUNCATE false) call_notes, call_note_subjects`);
      await keys.vacuum();
    }),
    async expired(now, limit) {
      return db
        .select({ tenantId: callNotes.tenantId, txId: callNotes.txId })
        .from(callNotes)
        .where(and(lte(callNotes.expiresAt, now), isNull(callNotes.shredReason)))
        .orderBy(asc(callNotes.expiresAt))
        .limit(limit);
    },
    async dueDeliveries(now, limit) {
      return db
        .select({ tenantId: callNotes.tenantId, txId: callNotes.txId })
        .from(callNotes)
        .where(
          and(
            isNotNull(callNotes.webhookUrl),
            lte(callNotes.webhookNextAttemptAt, now),
            eq(callNotes.restricted, false),
          ),
        )
        .orderBy(asc(callNotes.webhookNextAttemptAt))
        .limit(limit);
    },
    async claimDelivery(tenantId, txId, seenNextAttemptAt, leaseUntil) {
      // One conditional UPDATE: of two instances claiming the same due delivery, one changes the row.
      const claimed = await db
        .update(callNotes)
        .set({ webhookNextAttemptAt: leaseUntil })
        .where(
          and(
            key(tenantId, txId),
            isNotNull(callNotes.webhookUrl),
            isNull(callNotes.shredReason),
            eq(callNotes.webhookNextAttemptAt, seenNextAttemptAt),
          ),
        );
      return (claimed.rowCount ?? 0) > 0;
    },
  };
}

export function receiptRepository(db: PgDb): ReceiptRepository {
  return {
    async list(tenantId, opts = {}) {
      return db
        .select()
        .from(deletionReceipts)
        .where(and(eq(deletionReceipts.tenantId, tenantId), gt(deletionReceipts.seq, opts.afterSeq ?? 0)))
        .orderBy(asc(deletionReceipts.seq))
        .limit(Math.min(Math.max(opts.limit ?? 1000, 1), 10_000));
    },
    async head(tenantId) {
      return (await db.select().from(receiptHeads).where(eq(receiptHeads.tenantId, tenantId)))[0];
    },
  };
}

export function tenantKeyRepository(db: PgDb, now: () => number): TenantKeyRepository {
  return {
    async getOrCreate(tenantId, create) {
      const existing = (await db.select().from(tenantKeys).where(eq(tenantKeys.tenantId, tenantId)))[0];
      if (existing) return existing.wrappedKey;
      // Insert-if-absent, then read: two instances creating the same tenant's key agree on one.
      await db
        .insert(tenantKeys)
        .values({ tenantId, wrappedKey: create(), createdAt: now() })
        .onConflictDoNothing();
      return (await db.select().from(tenantKeys).where(eq(tenantKeys.tenantId, tenantId)))[0].wrappedKey;
    },
  };
}

/**
 * Many shreds at once (a purge batch, two instances) each ask for a compaction: one runs, and
 * one more after it covers every request that came in meanwhile — never a queue of VACUUMs
 * each holding a pool connection.
 */
function coalesced(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  return () => {
    if (!running) {
      running = run().finally(() => (running = null));
      return running;
    }
    again ??= running
      .catch(() => undefined)
      .then(() => {
        again = null;
        running = run().finally(() => (running = null));
        return running;
      });
    return again;
  };
}
