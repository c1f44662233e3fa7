// The real server process on PostgreSQL with the production defaults: DATABASE_URL only, so the
// tables land in the database's default schema and the data keys in its `callflow_keys` schema.
// It seeds once, serves logins and flows, and after a restart the same data is there (no second
// seeding). A fresh database per run, dropped afterwards; needs a role with CREATEDB (CI has it).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from './test-databases';
import { killServers, startServer } from '../harness/server-process';

const EMAIL = 'inhaberin@demo-praxis.example';
const PASSWORD = 'ein-sehr-langes-test-passwort';
const dbName = `cf_proc_${randomBytes(4).toString('hex')}`;
let admin: pg.Client | undefined;
let canCreate = false;
let dataDir = '';

function databaseUrl(): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** The server with the production defaults on PostgreSQL: DATABASE_URL only. */
function start() {
  return startServer({
    DATABASE_URL: databaseUrl(),
    CALLFLOW_DATA_DIR: dataDir,
    CALLFLOW_ADMIN_EMAIL: EMAIL,
    CALLFLOW_ADMIN_PASSWORD: PASSWORD,
    SHUTDOWN_GRACE_SECONDS: '2',
  });
}

async function flowsAfterLogin(port: number): Promise<string[]> {
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const res = await fetch(`http://127.0.0.1:${port}/api/flows`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { flows: { slug: string }[] }).flows.map((f) => f.slug).sort();
}

beforeAll(async () => {
  if (!TEST_DATABASE_URL) return;
  admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  canCreate =
    (
      await admin.query<{ ok: boolean }>(
        'SELECT rolcreatedb AS ok FROM pg_roles WHERE rolname = current_user',
      )
    ).rows[0]?.ok === true;
  if (canCreate) await admin.query(`CREATE DATABASE ${dbName}`);
  dataDir = await mkdtemp(path.join(tmpdir(), 'callflow-pgproc-'));
});

afterAll(async () => {
  killServers();
  if (admin) {
    if (canCreate) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!TEST_DATABASE_URL)('server process on PostgreSQL', () => {
  it('seeds once, serves logins and flows, keeps the data keys out of the main schema, and survives a restart', async (ctx) => {
    if (!canCreate) ctx.skip();
    const first = await start();
    const seeded = await flowsAfterLogin(first.port);
    expect(seeded.length).toBeGreaterThan(0);
    expect(await first.stop()).toBe(0);

    const second = await start();
    expect(await flowsAfterLogin(second.port)).toEqual(seeded);
    expect(await second.stop()).toBe(0);

    const db = new pg.Client({ connectionString: databaseUrl() });
    await db.connect();
    try {
      const tables = await db.query<{ s: string; t: string }>(
        "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_name IN ('call_notes', 'data_keys') ORDER BY 1",
      );
      expect(tables.rows).toEqual([
        { s: 'callflow_keys', t: 'data_keys' },
        { s: 'public', t: 'call_notes' },
      ]);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants')).rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
    // No SQLite file appeared in the data directory: the store really is PostgreSQL.
    expect((await readdir(dataDir)).filter((f) => f.endsWith('.db') || f.endsWith('.sqlite'))).toEqual([]);
  }, 120_000); // two cold starts of the server (tsx) take most of a minute on a busy CI machine
});
