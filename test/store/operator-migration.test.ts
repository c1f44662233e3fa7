// The upgrade to the operator model, on both dialects: a database as the previous release left it
// (numbers bound first-come-first-served, no operator) is migrated on open, and afterwards every
// bound number belongs to the organisation that bound it, still routes there, and the account
// created first is the operator.
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgStore } from '../../engine/src/store/pg/index';
import { openPool, quoteIdent } from '../../engine/src/store/pg/open';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import type { Store } from '../../engine/src/store/types';
import { migrationsBefore } from './previous-release';
import { TEST_DATABASE_URL } from './test-databases';

/** A copy of a migrations folder that stops before the operator migration (the previous release). */
const previousRelease = (folder: 'migrations' | 'pg-migrations'): string =>
  migrationsBefore(folder, '_operator');

/** Rows as the previous release wrote them: two organisations, each with a bound number. */
const OLD_ROWS: [string, unknown[]][] = [
  ['INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)', ['ten_a', 'Praxis A', 1]],
  ['INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)', ['ten_b', 'Kanzlei B', 2]],
  [
    'INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)',
    ['usr_first', 'a@x.example', 'h', 1],
  ],
  [
    'INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)',
    ['usr_later', 'b@x.example', 'h', 5],
  ],
  [
    'INSERT INTO flows (id, tenant_id, slug, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ['flw_a', 'ten_a', 'a', 'A', 1, 1],
  ],
  [
    'INSERT INTO flows (id, tenant_id, slug, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ['flw_b', 'ten_b', 'b', 'B', 1, 1],
  ],
  [
    'INSERT INTO flow_versions (id, tenant_id, flow_id, number, content_hash, canonical_json, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ['ver_a', 'ten_a', 'flw_a', 1, 'ha', '{}', 'm', 1],
  ],
  [
    'INSERT INTO flow_versions (id, tenant_id, flow_id, number, content_hash, canonical_json, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ['ver_b', 'ten_b', 'flw_b', 1, 'hb', '{}', 'm', 1],
  ],
  [
    'INSERT INTO number_bindings (number, tenant_id, flow_id, version, updated_at) VALUES (?, ?, ?, ?, ?)',
    ['+4930111111', 'ten_a', 'flw_a', null, 7],
  ],
  [
    'INSERT INTO number_bindings (number, tenant_id, flow_id, version, updated_at) VALUES (?, ?, ?, ?, ?)',
    ['+4930222222', 'ten_b', 'flw_b', 1, 8],
  ],
  [
    'INSERT INTO sessions (id_hash, tenant_id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    ['sess_hash', 'ten_a', 'usr_later', 'csrf', 1, 9_999_999_999_999],
  ],
  [
    'INSERT INTO api_tokens (id, tenant_id, user_id, name, secret_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ['tok_a', 'ten_a', 'usr_later', 'CI', 'secret_hash', '["flows:read"]', 1],
  ],
];

async function expectUpgraded(store: Store): Promise<void> {
  expect(await store.numbers.assigned('ten_a')).toEqual(['+4930111111']);
  expect(await store.numbers.assigned('ten_b')).toEqual(['+4930222222']);
  expect((await store.routing.resolveNumber('+4930222222'))?.tenantId).toBe('ten_b');
  expect((await store.tenants.get('ten_a'))?.status).toBe('active');
  expect((await store.users.get('usr_first'))?.isOperator).toBe(true);
  expect((await store.users.get('usr_later'))?.isOperator).toBe(false);
  // Sessions and tokens survive the table change that lets the operator's have no organisation.
  expect(await store.sessions.find('sess_hash', 1)).toMatchObject({ tenantId: 'ten_a', userId: 'usr_later' });
  expect(await store.tokens.findBySecretHash('secret_hash')).toMatchObject({
    id: 'tok_a',
    tenantId: 'ten_a',
  });
  // The organisation still re-binds its own number, and cannot take the other's.
  expect(await store.numbers.bind('ten_a', { number: '+4930111111', flowId: 'flw_a', version: 1 })).not.toBe(
    'not-assigned',
  );
  expect(await store.numbers.bind('ten_a', { number: '+4930222222', flowId: 'flw_a', version: null })).toBe(
    'not-assigned',
  );
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('operator migration [sqlite]', () => {
  it('assigns every bound number to the organisation that bound it and makes the first account the operator', async () => {
    const migrations = previousRelease('migrations');
    const dir = mkdtempSync(join(tmpdir(), 'callflow-upgrade-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => rmSync(migrations, { recursive: true, force: true }));
    const file = join(dir, 'callflow.sqlite');
    const old = new Database(file);
    migrateSqlite(drizzleSqlite(old), { migrationsFolder: migrations });
    for (const [sql, params] of OLD_ROWS) old.prepare(sql).run(...params);
    old.close();

    const store = createSqliteStore({ file });
    cleanups.push(() => store.close());
    await expectUpgraded(store);
  });
});

(TEST_DATABASE_URL ? describe : describe.skip)('operator migration [postgres]', () => {
  it('assigns every bound number to the organisation that bound it and makes the first account the operator', async () => {
    const url = TEST_DATABASE_URL!;
    const schema = `t_up_${randomBytes(4).toString('hex')}`;
    const migrations = previousRelease('pg-migrations');
    cleanups.push(() => rmSync(migrations, { recursive: true, force: true }));
    const pool = await openPool({ url, schema, max: 1 });
    cleanups.push(async () => {
      await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(`${schema}_keys`)} CASCADE`);
      await pool.end();
    });
    await migratePg(drizzlePg(pool), { migrationsFolder: migrations, migrationsSchema: schema });
    for (const [sql, params] of OLD_ROWS) {
      let n = 0;
      await pool.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
    }

    const store = await createPgStore({
      database: { url, schema, max: 2 },
      keyStore: { url, schema: `${schema}_keys`, max: 1 },
    });
    cleanups.push(() => store.end());
    await expectUpgraded(store);
  });
});
