// Call notes, tenant keys and deletion receipts on SQLite (the privacy core's repositories).
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { nextReceipt, type Receipt } from '../../privacy/receipts';
import type {
  CallNoteRepository,
  NoteSummary,
  ReceiptRepository,
  StoredNote,
  TenantKeyRepository,
} from '../../records/types';
import type { KeyStore } from './keystore';
import type { WriteBatch } from './write-batch';
import type { SqliteDb } from './open';
import { callNotes, callNoteSubjects, deletionReceipts, receiptHeads, tenantKeys } from './records-schema';
import { toNote, webhookColumns } from '../call-note-rows';

type NoteRow = typeof callNotes.$inferSelect;

const toReceipt = (row: typeof deletionReceipts.$inferSelect): Receipt => ({ ...row });

/** `batch`: where notes are inserted (a finished call's write, committed with others: write-batch.ts). */
export function callNoteRepository(db: SqliteDb, keys: KeyStore, batch: WriteBatch): CallNoteRepository {
  const key = (tenantId: string, txId: string) =>
    and(eq(callNotes.tenantId, tenantId), eq(callNotes.txId, txId));
  const load = (row: NoteRow | undefined) =>
    row && toNote(row, subjectsOf(row.tenantId, row.txId), keys.get(row.tenantId, row.txId)?.wrappedKey);
  const subjectsOf = (tenantId: string, txId: string) =>
    db
      .select({ k: callNoteSubjects.subjectKey })
      .from(callNoteSubjects)
      .where(and(eq(callNoteSubjects.tenantId, tenantId), eq(callNoteSubjects.txId, txId)))
      .all()
      .map((r) => r.k);
  const writeSubjects = (
    tx: Pick<SqliteDb, 'insert' | 'delete'>,
    tenantId: string,
    txId: string,
    keys: string[],
  ) => {
    tx.delete(callNoteSubjects)
      .where(and(eq(callNoteSubjects.tenantId, tenantId), eq(callNoteSubjects.txId, txId)))
      .run();
    if (keys.length > 0)
      tx.insert(callNoteSubjects)
        .values(keys.map((subjectKey) => ({ tenantId, txId, subjectKey })))
        .run();
  };
  return {
    async insert(note) {
      const { subjectKeys, webhook, wrappedDataKey, ...columns } = note;
      // Key first: a crash before the row leaves an orphan key (swept), never an unreadable row.
      // Resolves once both are committed, with other calls' notes of the same moment.
      await batch.run({
        key: () => keys.put(note.tenantId, note.txId, note.keyId, wrappedDataKey),
        rows: () =>
          db.transaction((tx) => {
            tx.insert(callNotes)
              .values({ ...columns, ...webhookColumns(webhook) })
              .run();
            writeSubjects(tx, note.tenantId, note.txId, subjectKeys);
          }),
      });
    },
    async get(tenantId, txId) {
      return load(db.select().from(callNotes).where(key(tenantId, txId)).get());
    },
    async list(tenantId, opts = {}) {
      const rows = db
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
        .limit(Math.min(Math.max(opts.limit ?? 100, 1), 1000))
        .all();
      return rows satisfies NoteSummary[];
    },
    async bySubject(tenantId, subjectKey) {
      const txIds = db
        .select({ txId: callNoteSubjects.txId })
        .from(callNoteSubjects)
        .where(and(eq(callNoteSubjects.tenantId, tenantId), eq(callNoteSubjects.subjectKey, subjectKey)))
        .all()
        .map((r) => r.txId);
      if (txIds.length === 0) return [];
      const rows = db
        .select()
        .from(callNotes)
        .where(and(eq(callNotes.tenantId, tenantId), inArray(callNotes.txId, txIds)))
        .all();
      return rows.map(load).filter((n): n is StoredNote => n !== undefined);
    },
    async update(tenantId, txId, patch) {
      const { webhook, subjectKeys, wrappedDataKey, ...columns } = patch;
      const current = db
        .select({ shredReason: callNotes.shredReason })
        .from(callNotes)
        .where(key(tenantId, txId))
        .get();
      if (!current || current.shredReason) return false;
      // Re-sealing (rectification) replaces the data key by overwriting it; rectify then compacts, so
      // the old key also leaves the WAL (SQLite) / dead row versions (PostgreSQL VACUUM).
      if (wrappedDataKey && columns.keyId) keys.put(tenantId, txId, columns.keyId, wrappedDataKey);
      const set = { ...columns, ...(webhook !== undefined ? webhookColumns(webhook) : {}) };
      return db.transaction((tx) => {
        const changed =
          Object.keys(set).length > 0
            ? tx.update(callNotes).set(set).where(key(tenantId, txId)).run().changes > 0
            : tx.select({ t: callNotes.txId }).from(callNotes).where(key(tenantId, txId)).get() !== undefined;
        if (changed && subjectKeys) writeSubjects(tx, tenantId, txId, subjectKeys);
        return changed;
      });
    },
    async shred({ tenantId, txId, reason, deletedAt }, hmacKey) {
      // Three durable steps, each resumable: (1) mark the note (the reason survives a crash),
      // (2) destroy its data key in the key store — from here on every copy is unreadable,
      // (3) delete the row and append the receipt in one transaction. A crash after (1) or (2)
      // is finished by the next purge pass (`pendingShreds`), with the reason recorded in (1).
      const marked = db
        .select({ keyId: callNotes.keyId, shredReason: callNotes.shredReason })
        .from(callNotes)
        .where(key(tenantId, txId))
        .get();
      if (!marked) return undefined;
      const finalReason = marked.shredReason ?? reason;
      if (!marked.shredReason)
        db.update(callNotes).set({ shredReason: reason }).where(key(tenantId, txId)).run();
      keys.destroy(tenantId, txId);
      const receipt = db.transaction((tx) => {
        tx.delete(callNoteSubjects)
          .where(and(eq(callNoteSubjects.tenantId, tenantId), eq(callNoteSubjects.txId, txId)))
          .run();
        if (tx.delete(callNotes).where(key(tenantId, txId)).run().changes === 0) return undefined;
        const previous = tx.select().from(receiptHeads).where(eq(receiptHeads.tenantId, tenantId)).get();
        const next = nextReceipt(hmacKey, previous, {
          txId,
          tenantId,
          reason: finalReason,
          deletedAt: new Date(deletedAt).toISOString(),
          keyId: marked.keyId,
        });
        tx.insert(deletionReceipts).values(next.receipt).run();
        tx.insert(receiptHeads)
          .values(next.head)
          .onConflictDoUpdate({ target: receiptHeads.tenantId, set: next.head })
          .run();
        return next.receipt;
      });
      return receipt;
    },
    async pendingShreds(limit) {
      return db
        .select({ tenantId: callNotes.tenantId, txId: callNotes.txId, reason: callNotes.shredReason })
        .from(callNotes)
        .where(isNotNull(callNotes.shredReason))
        .limit(limit)
        .all()
        .map((r) => ({ tenantId: r.tenantId, txId: r.txId, reason: r.reason! }));
    },
    async sweepOrphanKeys() {
      const orphans = keys.orphans(
        (tenantId, txId) =>
          db.select({ t: callNotes.txId }).from(callNotes).where(key(tenantId, txId)).get() !== undefined,
      );
      for (const o of orphans) keys.destroy(o.tenantId, o.txId);
      return orphans.length;
    },
    async compact() {
      db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
      keys.checkpoint();
    },
    async expired(now, limit) {
      return db
        .select({ tenantId: callNotes.tenantId, txId: callNotes.txId })
        .from(callNotes)
        .where(and(lte(callNotes.expiresAt, now), isNull(callNotes.shredReason)))
        .orderBy(asc(callNotes.expiresAt))
        .limit(limit)
        .all();
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
        .limit(limit)
        .all();
    },
    async claimDelivery(tenantId, txId, seenNextAttemptAt, leaseUntil) {
      const claimed = db
        .update(callNotes)
        .set({ webhookNextAttemptAt: leaseUntil })
        .where(
          and(
            key(tenantId, txId),
            isNotNull(callNotes.webhookUrl),
            isNull(callNotes.shredReason),
            eq(callNotes.webhookNextAttemptAt, seenNextAttemptAt),
          ),
        )
        .run();
      return claimed.changes > 0;
    },
  };
}

export function receiptRepository(db: SqliteDb): ReceiptRepository {
  return {
    async list(tenantId, opts = {}) {
      return db
        .select()
        .from(deletionReceipts)
        .where(and(eq(deletionReceipts.tenantId, tenantId), gt(deletionReceipts.seq, opts.afterSeq ?? 0)))
        .orderBy(asc(deletionReceipts.seq))
        .limit(Math.min(Math.max(opts.limit ?? 1000, 1), 10_000))
        .all()
        .map(toReceipt);
    },
    async head(tenantId) {
      return db.select().from(receiptHeads).where(eq(receiptHeads.tenantId, tenantId)).get();
    },
  };
}

export function tenantKeyRepository(db: SqliteDb, now: () => number): TenantKeyRepository {
  return {
    async getOrCreate(tenantId, create) {
      return db.transaction((tx) => {
        const row = tx.select().from(tenantKeys).where(eq(tenantKeys.tenantId, tenantId)).get();
        if (row) return row.wrappedKey;
        const wrappedKey = create();
        tx.insert(tenantKeys).values({ tenantId, wrappedKey, createdAt: now() }).run();
        return wrappedKey;
      });
    },
  };
}
