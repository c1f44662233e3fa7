// Which store a server opens: PostgreSQL when `DATABASE_URL` is a postgres:// URL (several
// instances can share it), otherwise the embedded SQLite file in the data directory.
// `CALLFLOW_KEYSTORE_URL` (Postgres only) puts the call notes' data keys in a separate database;
// unset, they go to the schema `callflow_keys` of the main database (README, "PostgreSQL").
import path from 'node:path';
import { DB_FILE } from './data-dir';
import { createPgStore } from './pg/index';
import { createSqliteStore } from './sqlite/index';
import type { Store } from './types';

export type StoreDialect = 'sqlite' | 'postgres';

export interface OpenStoreOptions {
  env: { DATABASE_URL?: string; CALLFLOW_KEYSTORE_URL?: string };
  dataDir: string;
  now?: () => number;
  onKeyDestroyed?: () => void;
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export function storeDialect(env: OpenStoreOptions['env']): StoreDialect {
  const url = env.DATABASE_URL?.trim();
  if (!url) return 'sqlite';
  if (isPostgresUrl(url)) return 'postgres';
  throw new Error('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite store)');
}

export async function openStore({
  env,
  dataDir,
  now,
  onKeyDestroyed,
}: OpenStoreOptions): Promise<Store & { dialect: StoreDialect }> {
  const seam = { ...(now ? { now } : {}), ...(onKeyDestroyed ? { onKeyDestroyed } : {}) };
  if (storeDialect(env) === 'sqlite') {
    return { ...createSqliteStore({ file: path.join(dataDir, DB_FILE), ...seam }), dialect: 'sqlite' };
  }
  const keyUrl = env.CALLFLOW_KEYSTORE_URL?.trim();
  if (keyUrl && !isPostgresUrl(keyUrl)) throw new Error('CALLFLOW_KEYSTORE_URL must start with postgres://');
  const store = await createPgStore({
    database: { url: env.DATABASE_URL!.trim() },
    ...(keyUrl ? { keyStore: { url: keyUrl } } : {}),
    ...seam,
  });
  return Object.assign(store, { dialect: 'postgres' as const });
}
