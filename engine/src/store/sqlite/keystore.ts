// The key store: a separate SQLite file that holds only the wrapped data keys of call notes.
//
// Why a separate file: crypto-shredding must make every *copy* of a note unreadable — backups of
// the main database included. If the data keys lived in the same file, a backup taken before a
// deletion would carry the key along with the ciphertext. Here the main database never contains
// a data key; destroying the key in this file is final, and backups of this file are not taken
// (or kept shorter than the 30-day limit — see README).
import Database from 'better-sqlite3';
import { ownerOnlyDatabaseFiles } from './owner-only';

export interface KeyStore {
  put(tenantId: string, txId: string, keyId: string, wrappedKey: Buffer): void;
  get(tenantId: string, txId: string): { keyId: string; wrappedKey: Buffer } | undefined;
  /** Destroys the key; returns whether one existed. */
  destroy(tenantId: string, txId: string): boolean;
  /** Keys whose note row never got written (crash between the two writes). */
  orphans(hasNote: (tenantId: string, txId: string) => boolean): { tenantId: string; txId: string }[];
  /** Runs `fn` in one transaction of the key store (a savepoint inside one): batched key writes. */
  transaction<T>(fn: () => T): T;
  /** Folds the WAL into the file and truncates it, so destroyed keys do not linger there. */
  checkpoint(): void;
  close(): void;
}

export function openKeyStore(file: string): KeyStore {
  ownerOnlyDatabaseFiles(file);
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma('secure_delete = ON');
  client.pragma('synchronous = FULL');
  client.pragma('busy_timeout = 5000');
  // One table, created in place: this file has no other schema to migrate.
  client.exec(`CREATE TABLE IF NOT EXISTS data_keys (
    tenant_id TEXT NOT NULL, tx_id TEXT NOT NULL, key_id TEXT NOT NULL, wrapped_key BLOB NOT NULL,
    PRIMARY KEY (tenant_id, tx_id))`);
  const put = client.prepare(
    'INSERT INTO data_keys (tenant_id, tx_id, key_id, wrapped_key) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, tx_id) DO UPDATE SET key_id = excluded.key_id, wrapped_key = excluded.wrapped_key',
  );
  const get = client.prepare(
    'SELECT key_id AS keyId, wrapped_key AS wrappedKey FROM data_keys WHERE tenant_id = ? AND tx_id = ?',
  );
  const destroy = client.prepare('DELETE FROM data_keys WHERE tenant_id = ? AND tx_id = ?');
  const all = client.prepare('SELECT tenant_id AS tenantId, tx_id AS txId FROM data_keys');
  return {
    put: (tenantId, txId, keyId, wrappedKey) => void put.run(tenantId, txId, keyId, wrappedKey),
    get: (tenantId, txId) => get.get(tenantId, txId) as { keyId: string; wrappedKey: Buffer } | undefined,
    destroy: (tenantId, txId) => destroy.run(tenantId, txId).changes > 0,
    orphans: (hasNote) =>
      (all.all() as { tenantId: string; txId: string }[]).filter((k) => !hasNote(k.tenantId, k.txId)),
    // IMMEDIATE: several worker processes may write the file (see open.ts).
    transaction: (fn) => client.transaction(fn).immediate(),
    checkpoint: () => void client.pragma('wal_checkpoint(TRUNCATE)'),
    close: () => {
      if (!client.open) return;
      client.pragma('wal_checkpoint(TRUNCATE)');
      client.close();
    },
  };
}
