// The key store on PostgreSQL: holds only the wrapped data keys of call notes, apart from their
// ciphertext (why apart: see ../sqlite/keystore.ts — a backup of the main database must never
// carry the keys, so destroying a key makes every copy of the note unreadable).
//
// Where it lives: `CALLFLOW_KEYSTORE_URL` (a separate database, ideally on a separate server with
// its own, short-lived backups). Unset, it falls back to the schema `callflow_keys` in the main
// database — convenient, but then a plain `pg_dump` of that database contains the keys: back up
// with `--exclude-schema=callflow_keys` (README, "PostgreSQL"). A SQLite key file next to a data
// directory was rejected: several instances must share the keys, and one machine's file cannot.
import type pg from 'pg';
import { openPool, quoteIdent, type PgTarget } from './open';

export const DEFAULT_KEY_SCHEMA = 'callflow_keys';

export interface AsyncKeyStore {
  put(tenantId: string, txId: string, keyId: string, wrappedKey: Buffer): Promise<void>;
  get(tenantId: string, txId: string): Promise<{ keyId: string; wrappedKey: Buffer } | undefined>;
  /** Destroys the key; returns whether one existed. */
  destroy(tenantId: string, txId: string): Promise<boolean>;
  /** Keys written more than `olderThanSeconds` ago (database clock): the orphan sweep compares them with the notes. */
  all(olderThanSeconds: number): Promise<{ tenantId: string; txId: string }[]>;
  /** Lets the space of destroyed keys be reused soon (they are wrapped: useless without the master key). */
  vacuum(): Promise<void>;
  close(): Promise<void>;
}

export async function openPgKeyStore(target: PgTarget): Promise<AsyncKeyStore> {
  const schema = target.schema ?? DEFAULT_KEY_SCHEMA;
  const pool: pg.Pool = await openPool({ ...target, schema, max: target.max ?? 4 });
  const table = `${quoteIdent(schema)}.data_keys`;
  // One table, created in place: this store has no other schema to migrate.
  await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
    tenant_id text NOT NULL, tx_id text NOT NULL, key_id text NOT NULL, wrapped_key bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant_id, tx_id))`);
  return {
    async put(tenantId, txId, keyId, wrappedKey) {
      await pool.query(
        `INSERT INTO ${table} (tenant_id, tx_id, key_id, wrapped_key) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, tx_id) DO UPDATE SET key_id = excluded.key_id, wrapped_key = excluded.wrapped_key`,
        [tenantId, txId, keyId, wrappedKey],
      );
    },
    async get(tenantId, txId) {
      const res = await pool.query<{ keyId: string; wrappedKey: Buffer }>(
        `SELECT key_id AS "keyId", wrapped_key AS "wrappedKey" FROM ${table} WHERE tenant_id = $1 AND tx_id = $2`,
        [tenantId, txId],
      );
      return res.rows[0];
    },
    async destroy(tenantId, txId) {
      const res = await pool.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND tx_id = $2`, [
        tenantId,
        txId,
      ]);
      return (res.rowCount ?? 0) > 0;
    },
    async all(olderThanSeconds) {
      const res = await pool.query<{ tenantId: string; txId: string }>(
        `SELECT tenant_id AS "tenantId", tx_id AS "txId" FROM ${table} WHERE created_at < now() - make_interval(secs => $1)`,
        [olderThanSeconds],
      );
      return res.rows;
    },
    async vacuum() {
      await pool.query(`VACUUM (TRUNCATE false) ${table}`);
    },
    close: () => pool.end(),
  };
}
