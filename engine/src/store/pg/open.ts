// Opens a PostgreSQL connection pool for the store and applies the drizzle-kit migrations.
// An optional schema (tests: one fresh schema per test) is created and put on every pooled
// connection's search_path; the migrations are schema-neutral (see drizzle.pg.config.ts).
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as analytics from './analytics-schema';
import * as records from './records-schema';
import * as operator from './operator-schema';
import * as tables from './schema';

const schema = { ...tables, ...records, ...analytics, ...operator };
export type PgDb = NodePgDatabase<typeof schema>;

const MIGRATIONS = fileURLToPath(new URL('../pg-migrations', import.meta.url));
/** Arbitrary constant: several instances starting together migrate one after another. */
const MIGRATION_LOCK = 7_300_911;

export interface PgTarget {
  /** postgres://user:password@host:port/database */
  url: string;
  /** A schema to create and use instead of the default search_path (tests; a dedicated key schema). */
  schema?: string;
  /** Pool size per instance. */
  max?: number;
}

const SAFE_IDENT = /^[a-z_][a-z0-9_]{0,62}$/;
export function quoteIdent(name: string): string {
  if (!SAFE_IDENT.test(name)) throw new Error('schema names must be lower-case identifiers');
  return `"${name}"`;
}

/** A pool whose connections all see `schema` first (created when missing). */
export async function openPool({ url, schema: name, max = 10 }: PgTarget): Promise<pg.Pool> {
  if (name) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(name)}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(name ? { options: `-c search_path=${name}` } : {}),
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** A drizzle handle over an existing pool (no migrations): tests read a copied schema with it. */
export const drizzlePool = (pool: pg.Pool): PgDb => drizzle(pool, { schema });

export async function openPg(target: PgTarget): Promise<{ db: PgDb; pool: pg.Pool }> {
  const pool = await openPool(target);
  const db = drizzle(pool, { schema });
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client, { schema }), {
      migrationsFolder: MIGRATIONS,
      ...(target.schema ? { migrationsSchema: target.schema } : {}),
    });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return { db, pool };
}

/** Postgres error code of a failed query (drizzle wraps driver errors; the code is on the cause). */
export function pgErrorCode(e: unknown): string | undefined {
  for (let err: unknown = e, depth = 0; err && depth < 3; err = (err as { cause?: unknown }).cause, depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
export const isUniqueViolation = (e: unknown): boolean => pgErrorCode(e) === '23505';
