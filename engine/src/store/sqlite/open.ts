// Opens the SQLite file with the pragmas the privacy design relies on and applies migrations.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import { ownerOnlyDatabaseFiles } from './owner-only';
import * as operator from './operator-schema';
import * as tables from './schema';

const schema = { ...tables, ...operator };

export type SqliteDb = BetterSQLite3Database<typeof schema>;

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

export function openSqlite(file: string): { db: SqliteDb; client: Database.Database } {
  ownerOnlyDatabaseFiles(file);
  const client = new Database(file);
  // WAL: readers never block the writer. secure_delete: deleted content is overwritten in the
  // file instead of lingering in free pages. foreign_keys: off by default in SQLite.
  client.pragma('journal_mode = WAL');
  client.pragma('secure_delete = ON');
  client.pragma('foreign_keys = ON');
  client.pragma('synchronous = FULL');
  client.pragma('busy_timeout = 5000');
  const db = drizzle(client, { schema });
  // Several worker processes share the file (CALLFLOW_WORKERS): a deferred transaction that has
  // read and then writes fails at once with SQLITE_BUSY when another process committed in between
  // (its snapshot is stale, so busy_timeout cannot help). Every transaction takes the write lock
  // first and waits its turn instead; nested ones are savepoints and keep it.
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) =>
    transaction(fn, { behavior: 'immediate', ...config })) as typeof db.transaction;
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, client };
}

/** Folds the WAL back into the main file and closes. */
export function closeSqlite(client: Database.Database): void {
  if (!client.open) return;
  client.pragma('wal_checkpoint(TRUNCATE)');
  client.close();
}
