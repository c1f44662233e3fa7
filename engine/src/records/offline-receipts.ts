// Receipt verification on the server host without a running server (`callflow receipts verify
// --data-dir`): opens the database read-only — no migrations, no writes, safe next to a running
// server thanks to WAL — derives the receipt key from the master key and verifies every tenant's
// chain against its stored head, its latest stored checkpoint and the checkpoints given.
//
// Tenants come from everywhere one could be named — the tenants table, the heads, the receipts,
// the stored and the given checkpoints — so a tenant whose receipts and head were erased is
// reported (its checkpoints name it), not skipped.
import Database from 'better-sqlite3';
import path from 'node:path';
import { chainVerdict, type ChainVerdict } from '../privacy/chain-verdict';
import { CHECKPOINT_FORMAT, type Checkpoint, type PublicKeyEntry } from '../privacy/checkpoints';
import type { ChainHead, Receipt } from '../privacy/receipts';
import { checkpointSigningKey, receiptKey } from './derived-keys';

interface CheckpointRow extends Omit<Checkpoint, 'format' | 'final'> {
  final: number;
}

type KeyEntry = PublicKeyEntry & { createdAt: number | null };

function openReadOnly(dataDir: string, dbFile = 'callflow.db'): Database.Database {
  return new Database(path.join(dataDir, dbFile), { readonly: true, fileMustExist: true });
}

/** A database the new server version has not migrated yet simply has no checkpoints. */
function hasCheckpointTables(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'receipt_checkpoints'").get() !==
    undefined
  );
}

/** The kept public keys plus the master key's own (not kept until it first signs; createdAt null). */
function storedKeys(db: Database.Database, masterKey: Buffer): KeyEntry[] {
  const kept = hasCheckpointTables(db)
    ? (db
        .prepare(
          'SELECT key_id AS keyId, public_key AS publicKey, created_at AS createdAt FROM receipt_signing_keys ORDER BY created_at',
        )
        .all() as KeyEntry[])
    : [];
  const { keyId, publicKey } = checkpointSigningKey(masterKey);
  return kept.some((k) => k.keyId === keyId) ? kept : [...kept, { keyId, publicKey, createdAt: null }];
}

/** `callflow receipts keys --data-dir`: every public key that verifies this server's checkpoints. */
export function publicKeysInDataDir(dataDir: string, masterKey: Buffer, dbFile?: string): KeyEntry[] {
  const db = openReadOnly(dataDir, dbFile);
  try {
    return storedKeys(db, masterKey);
  } finally {
    db.close();
  }
}

export function verifyDataDir(
  dataDir: string,
  masterKey: Buffer,
  opts: { checkpoints?: readonly Checkpoint[]; dbFile?: string } = {},
): Map<string, ChainVerdict> {
  const db = openReadOnly(dataDir, opts.dbFile);
  try {
    const key = receiptKey(masterKey);
    const given = opts.checkpoints ?? [];
    const hasCheckpoints = hasCheckpointTables(db);
    const named = db
      .prepare(
        `SELECT id AS t FROM tenants UNION SELECT tenant_id FROM receipt_heads
         UNION SELECT DISTINCT tenant_id FROM deletion_receipts
         ${hasCheckpoints ? 'UNION SELECT DISTINCT tenant_id FROM receipt_checkpoints' : ''}`,
      )
      .all() as { t: string }[];
    const existing = new Set(
      (db.prepare('SELECT id AS t FROM tenants').all() as { t: string }[]).map((r) => r.t),
    );
    const tenants = [...new Set([...named.map((r) => r.t), ...given.map((c) => c.tenantId)])].sort();

    const keys = new Map(storedKeys(db, masterKey).map((k) => [k.keyId, k.publicKey]));

    const receiptsOf = db.prepare(
      `SELECT receipt_id AS receiptId, seq, tx_id AS txId, tenant_id AS tenantId, reason, deleted_at AS deletedAt,
              key_id AS keyId, prev_hash AS prevHash, hash FROM deletion_receipts WHERE tenant_id = ? ORDER BY seq`,
    );
    const headOf = db.prepare(
      'SELECT tenant_id AS tenantId, seq, hash, mac FROM receipt_heads WHERE tenant_id = ?',
    );
    const latestOf = hasCheckpoints
      ? db.prepare(
          `SELECT tenant_id AS tenantId, count, head_hash AS headHash, time, key_id AS keyId, final, signature
           FROM receipt_checkpoints WHERE tenant_id = ? ORDER BY count DESC, final DESC LIMIT 1`,
        )
      : undefined;

    const out = new Map<string, ChainVerdict>();
    for (const t of tenants) {
      const row = latestOf?.get(t) as CheckpointRow | undefined;
      const kept: Checkpoint[] = row ? [{ ...row, format: CHECKPOINT_FORMAT, final: row.final === 1 }] : [];
      out.set(
        t,
        chainVerdict({
          key,
          tenantId: t,
          receipts: receiptsOf.all(t) as Receipt[],
          head: headOf.get(t) as ChainHead | undefined,
          checkpoints: [...given.filter((c) => c.tenantId === t), ...kept],
          keys,
          organisationGone: !existing.has(t),
        }),
      );
    }
    return out;
  } finally {
    db.close();
  }
}
