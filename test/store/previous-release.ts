// A database as an earlier release left it: migrate a fresh database only up to a given
// migration, write rows the old way, then open the store (which applies the rest) and check the
// upgrade — on SQLite, and on PostgreSQL in a schema of its own.
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgStore } from '../../engine/src/store/pg/index';
import { openPool, quoteIdent } from '../../engine/src/store/pg/open';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import type { Store } from '../../engine/src/store/types';

const STORE = join(__dirname, '../../engine/src/store');

/** A copy of the folder (`migrations` = SQLite, `pg-migrations`) up to, not including, the migration tagged `*<tagSuffix>`. */
export function migrationsBefore(folder: 'migrations' | 'pg-migrations', tagSuffix: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'callflow-migrations-'));
  cpSync(join(STORE, folder), dir, { recursive: true });
  const journalFile = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  if (cut <= 0) throw new Error(`no migration tagged *${tagSuffix} after the first`);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

export interface Upgrade {
  /** Tag suffix of the first migration the old release did not have. */
  before: string;
  /** SQL the old release wrote (no parameters; the same text on both dialects). */
  rows: readonly string[];
  /** Checks the store opened (and so upgraded) on that database. */
  check(store: Store): Promise<void>;
}

export async function upgradeSqlite({ before, rows, check }: Upgrade): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'callflow-upgrade-'));
  const migrations = migrationsBefore('migrations', before);
  try {
    const file = join(tmp, 'callflow.sqlite');
    const client = new Database(file);
    migrateSqlite(drizzleSqlite(client), { migrationsFolder: migrations });
    for (const sql of rows) client.prepare(sql).run();
    client.close();
    const store = createSqliteStore({ file });
    try {
      await check(store);
    } finally {
      store.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(migrations, { recursive: true, force: true });
  }
}

export async function upgradePg(url: string, { before, rows, check }: Upgrade): Promise<void> {
  const schema = `mig_${randomBytes(6).toString('hex')}`;
  const keySchema = `${schema}_keys`;
  const migrations = migrationsBefore('pg-migrations', before);
  const pool = await openPool({ url, schema, max: 1 });
  try {
    await migratePg(drizzlePg(pool), { migrationsFolder: migrations, migrationsSchema: schema });
    for (const sql of rows) await pool.query(sql);
    const store = await createPgStore({
      database: { url, schema, max: 2 },
      keyStore: { url, schema: keySchema, max: 1 },
    });
    try {
      await check(store);
    } finally {
      await store.end();
    }
  } finally {
    for (const s of [schema, keySchema]) await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(s)} CASCADE`);
    await pool.end();
    rmSync(migrations, { recursive: true, force: true });
  }
}
