// The real server process on PostgreSQL with the production defaults: DATABASE_URL only, so the
// tables land in the database's default schema and the data keys in its `callflow_keys` schema.
// It seeds once, serves logins and flows, and after a restart the same data is there (no second
// seeding). A fresh database per run, dropped afterwards; needs a role with CREATEDB (CI has it).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from './test-databases';
import { freePort } from '../harness/free-port';
import { serverArgs } from '../harness/server-bin';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EMAIL = 'inhaberin@demo-praxis.example';
const PASSWORD = 'ein-sehr-langes-test-passwort';
const children = new Set<ChildProcess>();
const dbName = `cf_proc_${randomBytes(4).toString('hex')}`;
let admin: pg.Client | undefined;
let canCreate = false;
let dataDir = '';

function databaseUrl(): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${dbName}`;
  return url.toString();
}

async function startServer(
  port: number,
): Promise<{ child: ChildProcess; exited: Promise<number | null>; out: () => string }> {
  const child = spawn(process.execPath, serverArgs(), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      METADATA_SERVER_DETECTION: 'none',
      DATABASE_URL: databaseUrl(),
      PORT: String(port),
      HOST: '127.0.0.1',
      CALLFLOW_DATA_DIR: dataDir,
      CALLFLOW_SKIP_DESIGNER_BUILD: '1',
      CALLFLOW_ADMIN_EMAIL: EMAIL,
      CALLFLOW_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_SECONDS: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => {
      children.delete(child);
      r(code);
    }),
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, exited, out: () => out };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start: ${out.slice(0, 2000)}`);
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
  for (const child of children) child.kill('SIGKILL');
  if (admin) {
    if (canCreate) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!TEST_DATABASE_URL)('server process on PostgreSQL', () => {
  it('seeds once, serves logins and flows, keeps the data keys out of the main schema, and survives a restart', async (ctx) => {
    if (!canCreate) ctx.skip();
    const port = await freePort();
    const first = await startServer(port);
    const seeded = await flowsAfterLogin(port);
    expect(seeded.length).toBeGreaterThan(0);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startServer(port);
    expect(await flowsAfterLogin(port)).toEqual(seeded);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

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
  }, 120_000); // two cold starts of the server take a while on a busy CI machine
});
