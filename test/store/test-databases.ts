// One test database per dialect, behind one interface, so the store and privacy suites run
// unchanged on both: SQLite always (files in a temp dir), PostgreSQL when
// CALLFLOW_TEST_DATABASE_URL is set (a fresh schema per test for the data and one for the keys,
// both dropped afterwards). Raw SQL uses `?` placeholders; they become $1… on Postgres.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { CallNoteRepository } from '../../engine/src/records/types';
import { callNoteRepository as pgNotes } from '../../engine/src/store/pg/call-notes';
import { createPgStore, type PgStore } from '../../engine/src/store/pg/index';
import { openPgKeyStore } from '../../engine/src/store/pg/keystore';
import { drizzlePool, openPool, quoteIdent } from '../../engine/src/store/pg/open';
import { callNoteRepository as sqliteNotes } from '../../engine/src/store/sqlite/call-notes';
import { WriteBatch } from '../../engine/src/store/sqlite/write-batch';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import { openKeyStore } from '../../engine/src/store/sqlite/keystore';
import { closeSqlite, openSqlite } from '../../engine/src/store/sqlite/open';
import type { Store } from '../../engine/src/store/types';
import { findCanary, scanFiles, type CanaryHit } from '../privacy/canary';

export type Dialect = 'sqlite' | 'postgres';

/** A copy of the main database taken at one moment (what a backup holds), without the key store. */
export interface Snapshot {
  /** The call-note repository over the copy, with the live key store (destroyed keys stay destroyed). */
  notes: CallNoteRepository;
  ciphertext(txId: string): Promise<Buffer | undefined>;
  contains(bytes: Buffer): Promise<boolean>;
  close(): Promise<void>;
}

export interface TestDatabase {
  dialect: Dialect;
  store: Store;
  /** A temp dir for side files (on SQLite also the database files). */
  dir: string;
  run(query: string, params?: unknown[]): Promise<void>;
  count(table: string): Promise<number>;
  keys: {
    get(tenantId: string, txId: string): Promise<{ keyId: string; wrappedKey: Buffer } | undefined>;
    destroy(tenantId: string, txId: string): Promise<boolean>;
  };
  /** Flushes what the engine buffers (SQLite WAL) so scans see the files as they rest. */
  checkpoint(): Promise<void>;
  /** Every place (file, or table on Postgres) where the canary is stored, in any encoding. */
  scanForCanary(canary: string): Promise<CanaryHit[]>;
  /**
   * Files (SQLite: database, key store, WAL and shm as they are now, not checkpointed) or tables
   * (Postgres: live rows, bytea as hex) holding these exact bytes, e.g. a replaced data key.
   */
  placesHolding(bytes: Buffer): Promise<string[]>;
  snapshot(): Promise<Snapshot>;
  dispose(): Promise<void>;
}

export interface OpenOptions {
  now?: () => number;
}

export const TEST_DATABASE_URL = process.env.CALLFLOW_TEST_DATABASE_URL?.trim() || undefined;
export const DIALECTS: Dialect[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export function openTestDatabase(dialect: Dialect, opts: OpenOptions = {}): Promise<TestDatabase> {
  return dialect === 'sqlite'
    ? Promise.resolve(openSqliteDatabase(opts))
    : openPgDatabase(TEST_DATABASE_URL!, opts);
}

function openSqliteDatabase(opts: OpenOptions): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'callflow-store-'));
  const file = join(dir, 'callflow.sqlite');
  const store = createSqliteStore({ file, ...(opts.now ? { now: opts.now } : {}) });
  // Second connections to the same files (WAL allows it): raw SQL and direct key access.
  const { client } = openSqlite(file);
  const keys = openKeyStore(join(dir, 'keys.sqlite'));
  return {
    dialect: 'sqlite',
    store,
    dir,
    run: async (query, params = []) => void client.prepare(query).run(...params),
    count: async (table) => (client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    keys: { get: async (t, x) => keys.get(t, x), destroy: async (t, x) => keys.destroy(t, x) },
    async checkpoint() {
      client.pragma('wal_checkpoint(TRUNCATE)');
      keys.checkpoint();
    },
    scanForCanary: async (canary) => scanFiles([dir], canary),
    placesHolding: async (bytes) =>
      readdirSync(dir).filter((f) => {
        const path = join(dir, f);
        return statSync(path).isFile() && readFileSync(path).includes(bytes);
      }),
    async snapshot() {
      client.pragma('wal_checkpoint(TRUNCATE)');
      const copy = join(dir, `backup-${randomBytes(3).toString('hex')}.sqlite`);
      copyFileSync(file, copy);
      const old = openSqlite(copy);
      return {
        notes: sqliteNotes(
          old.db,
          keys,
          new WriteBatch({ main: (fn) => old.client.transaction(fn)(), keys: keys.transaction }),
        ),
        ciphertext: async (txId) =>
          (
            old.client.prepare('SELECT ciphertext FROM call_notes WHERE tx_id = ?').get(txId) as
              { ciphertext: Buffer } | undefined
          )?.ciphertext,
        contains: async (bytes) => readFileSync(copy).includes(bytes),
        close: async () => closeSqlite(old.client),
      };
    },
    async dispose() {
      store.close();
      keys.close();
      closeSqlite(client);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const toDollars = (query: string) => {
  let i = 0;
  return query.replace(/\?/g, () => `$${++i}`);
};

/** Every row of every table of `schema` as text (bytea shows as hex), one buffer per table. */
async function tableDumps(admin: pg.Pool, schema: string): Promise<{ table: string; text: Buffer }[]> {
  const tables = await admin.query<{ t: string }>(
    'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1',
    [schema],
  );
  const out: { table: string; text: Buffer }[] = [];
  for (const { t } of tables.rows) {
    const rows = await admin.query<{ r: string }>(
      `SELECT r::text AS r FROM ${quoteIdent(schema)}.${quoteIdent(t)} r`,
    );
    out.push({ table: `${schema}.${t}`, text: Buffer.from(rows.rows.map((x) => x.r).join('\n'), 'utf8') });
  }
  return out;
}

async function openPgDatabase(url: string, opts: OpenOptions): Promise<TestDatabase> {
  const id = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const main = id;
  const keySchema = `${id}_keys`;
  const dir = mkdtempSync(join(tmpdir(), 'callflow-pg-'));
  const store: PgStore = await createPgStore({
    database: { url, schema: main, max: 4 },
    keyStore: { url, schema: keySchema, max: 2 },
    ...(opts.now ? { now: opts.now } : {}),
  });
  const raw = await openPool({ url, schema: main, max: 2 });
  const keyTable = `${quoteIdent(keySchema)}.data_keys`;
  const snapshots: string[] = [];
  return {
    dialect: 'postgres',
    store,
    dir,
    run: async (query, params = []) => void (await raw.query(toDollars(query), params)),
    count: async (table) =>
      (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)}`)).rows[0].n,
    keys: {
      get: async (t, x) =>
        (
          await raw.query<{ keyId: string; wrappedKey: Buffer }>(
            `SELECT key_id AS "keyId", wrapped_key AS "wrappedKey" FROM ${keyTable} WHERE tenant_id = $1 AND tx_id = $2`,
            [t, x],
          )
        ).rows[0],
      destroy: async (t, x) =>
        ((await raw.query(`DELETE FROM ${keyTable} WHERE tenant_id = $1 AND tx_id = $2`, [t, x])).rowCount ??
          0) > 0,
    },
    checkpoint: async () => undefined,
    async scanForCanary(canary) {
      const hits: CanaryHit[] = scanFiles([dir], canary);
      for (const schema of [main, keySchema, ...snapshots]) {
        for (const { table, text } of await tableDumps(raw, schema)) {
          const encodings = findCanary(text, canary);
          if (encodings.length > 0) hits.push({ file: table, encodings });
        }
      }
      return hits;
    },
    async placesHolding(bytes) {
      const places: string[] = [];
      for (const schema of [main, keySchema])
        for (const { table, text } of await tableDumps(raw, schema))
          if (text.includes(bytes.toString('hex'))) places.push(table);
      return places;
    },
    async snapshot() {
      const copy = `${main}_bak${snapshots.length}`;
      snapshots.push(copy);
      await raw.query(`CREATE SCHEMA ${quoteIdent(copy)}`);
      for (const t of [
        'tenants',
        'call_notes',
        'call_note_subjects',
        'tenant_keys',
        'deletion_receipts',
        'receipt_heads',
      ]) {
        await raw.query(
          `CREATE TABLE ${quoteIdent(copy)}.${quoteIdent(t)} AS TABLE ${quoteIdent(main)}.${quoteIdent(t)}`,
        );
      }
      const pool = await openPool({ url, schema: copy, max: 1 });
      const keys = await openPgKeyStore({ url, schema: keySchema, max: 1 });
      return {
        notes: pgNotes(drizzlePool(pool), keys),
        ciphertext: async (txId) =>
          (await pool.query<{ c: Buffer }>('SELECT ciphertext AS c FROM call_notes WHERE tx_id = $1', [txId]))
            .rows[0]?.c,
        async contains(bytes) {
          const dumps = await tableDumps(raw, copy);
          // bytea prints as hex; text columns as themselves.
          return dumps.some((d) => d.text.includes(bytes.toString('hex')) || d.text.includes(bytes));
        },
        close: async () => {
          await pool.end();
          await keys.close();
        },
      };
    },
    async dispose() {
      await store.end();
      for (const schema of [main, keySchema, ...snapshots])
        await raw.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await raw.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
