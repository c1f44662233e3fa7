// Receipt verification on the server host without a running server (`callflow receipts verify
// --data-dir`): opens the database read-only — no migrations, no writes, safe next to a running
// server thanks to WAL — derives the receipt key from the master key and verifies every tenant's
// chain against its stored head.
import Database from 'better-sqlite3';
import path from 'node:path';
import { verifyChain, type ChainHead, type Receipt } from '../privacy/receipts';
import { receiptKey } from './derived-keys';
import type { ChainVerdict } from './services';

export function verifyDataDir(
  dataDir: string,
  masterKey: Buffer,
  dbFile = 'callflow.db',
): Map<string, ChainVerdict> {
  const db = new Database(path.join(dataDir, dbFile), { readonly: true, fileMustExist: true });
  try {
    const key = receiptKey(masterKey);
    const tenants = db
      .prepare(
        'SELECT tenant_id AS t FROM receipt_heads UNION SELECT DISTINCT tenant_id FROM deletion_receipts ORDER BY 1',
      )
      .all() as { t: string }[];
    const receiptsOf = db.prepare(
      `SELECT receipt_id AS receiptId, seq, tx_id AS txId, tenant_id AS tenantId, reason, deleted_at AS deletedAt,
              key_id AS keyId, prev_hash AS prevHash, hash FROM deletion_receipts WHERE tenant_id = ? ORDER BY seq`,
    );
    const headOf = db.prepare(
      'SELECT tenant_id AS tenantId, seq, hash, mac FROM receipt_heads WHERE tenant_id = ?',
    );
    const out = new Map<string, ChainVerdict>();
    for (const { t } of tenants) {
      const receipts = receiptsOf.all(t) as Receipt[];
      const head = headOf.get(t) as ChainHead | undefined;
      const problems = verifyChain(key, t, receipts, head);
      out.set(t, { ok: problems.length === 0, count: receipts.length, headSeq: head?.seq ?? null, problems });
    }
    return out;
  } finally {
    db.close();
  }
}
