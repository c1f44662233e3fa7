// Two real server processes (engine/src/main.ts) on different ports with one PostgreSQL database
// of their own (created and dropped here; needs CALLFLOW_TEST_DATABASE_URL and CREATEDB, else it
// skips). What an operator running several instances relies on:
//   - a session and an API token made on A work on B; a flow published on A answers calls on B;
//   - concurrent live test calls on both: every stored note reaches the webhook exactly once and,
//     once due, is purged exactly once with exactly one receipt (the chain verifies);
//   - a zero-persistence call leaves nothing in any table, nor in the queue;
//   - A frozen right after a receiver accepted a note and then SIGKILLed loses nothing: B sends
//     it again (same Idempotency-Key), shreds it, one receipt;
//   - /readyz reports database and queue; SIGTERM drains and exits 0; no canary in any table.
// Loopback only; every child is killed in afterAll.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValid } from '../../engine/src/log/capture.test-helper';
import { findCanary } from '../privacy/canary';
import { exampleFlow, until, webhookReceiver } from '../privacy/server-env';
import { TEST_DATABASE_URL } from './test-databases';
import { killServers, startServer, type ServerProcess } from '../harness/server-process';

const EMAIL = 'inhaberin@mehrere.example';
const PASSWORD = 'ein-sehr-langes-mehrinstanz-passwort';
const MASTER = randomBytes(32).toString('base64');
const dbName = `cf_multi_${randomBytes(4).toString('hex')}`;
const dirs: string[] = [];
let admin: pg.Client | undefined;
let db: pg.Client | undefined;
let canCreate = false;
/** Every instance started, for the log checks at the end. */
const instances: ServerProcess[] = [];

type Instance = ServerProcess & { port: number };

function databaseUrl(): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** One instance on its own data dir and port, sharing the database; waits until it listens. */
async function startInstance(extra: Record<string, string> = {}): Promise<Instance> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'callflow-multi-'));
  dirs.push(dataDir);
  const server = await startServer({
    DATABASE_URL: databaseUrl(),
    CALLFLOW_DATA_DIR: dataDir,
    CALLFLOW_MASTER_KEY: MASTER,
    CALLFLOW_ADMIN_EMAIL: EMAIL,
    CALLFLOW_ADMIN_PASSWORD: PASSWORD,
    SHUTDOWN_GRACE_SECONDS: '2',
    CALLFLOW_ALLOW_LOOPBACK_WEBHOOKS: '1',
    CALLFLOW_DELIVERY_INTERVAL_MS: '300',
    CALLFLOW_PURGE_INTERVAL_MS: '1000',
    ...extra,
  });
  instances.push(server);
  return server;
}

let token = '';
const api = (i: Instance, method: string, p: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${i.port}${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

const TURNS = (canary: string) => [
  { say: 'Ja, gerne.' },
  { say: 'Mein Name ist Anna Schmidt' },
  { say: 'dritter März neunzehnhundertachtzig' },
  { say: 'ja' },
  { say: 'null eins sieben eins, eins zwei drei vier fünf sechs sieben' },
  { say: 'Ja, genau.' },
  { say: `Ich brauche ein Folgerezept ${canary}` },
  { say: 'Ramipril fünf Milligramm' },
];

/** The example practice flow under a new id, with this retention and a webhook to the receiver. */
async function createFlow(
  on: Instance,
  id: string,
  webhookUrl: string,
  settings: Record<string, unknown>,
): Promise<string> {
  const flow: Record<string, unknown> = { ...exampleFlow('arztpraxis'), id };
  const s = flow.settings as Record<string, unknown>;
  Object.assign(s, settings, { delivery: { inbox: false, webhookUrl } });
  const made = await api(on, 'POST', '/api/flows', { flow });
  expect(made.status, await made.clone().text()).toBe(201);
  return (await json<{ flow: { id: string } }>(made)).flow.id;
}

async function publish(on: Instance, flowId: string, message: string): Promise<number> {
  const res = await api(on, 'POST', `/api/flows/${flowId}/versions`, { message });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await json<{ version: { version: number } }>(res)).version.version;
}

async function liveCall(
  on: Instance,
  flowId: string,
  version: number,
  canary: string,
): Promise<{ txId: string; stored: boolean }> {
  const res = await api(on, 'POST', `/api/flows/${flowId}/simulate`, {
    live: true,
    version,
    at: '2026-03-02T09:00:00+01:00',
    turns: TURNS(canary),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = await json<{ live: { txId: string; stored: boolean } | null }>(res);
  expect(body.live).not.toBeNull();
  return body.live!;
}

async function receiptsOf(on: Instance): Promise<{ txId: string; reason: string }[]> {
  return (await json<{ receipts: { txId: string; reason: string }[] }>(await api(on, 'GET', '/api/receipts')))
    .receipts;
}

/** Every row of every table in the database (all schemas we own), as text. */
async function everyTable(): Promise<string> {
  const tables = await db!.query<{ s: string; t: string }>(
    "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'callflow_keys', 'callflow_jobs', 'drizzle') AND table_type = 'BASE TABLE'",
  );
  let out = '';
  for (const { s, t } of tables.rows)
    out += (await db!.query<{ r: string }>(`SELECT r::text AS r FROM "${s}"."${t}" r`)).rows
      .map((x) => x.r)
      .join('\n');
  return out;
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
  if (!canCreate) return;
  await admin.query(`CREATE DATABASE ${dbName}`);
  db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
});

afterAll(async () => {
  killServers();
  await db?.end().catch(() => undefined);
  if (admin) {
    if (canCreate) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe.skipIf(!TEST_DATABASE_URL)('several instances on one PostgreSQL', () => {
  it('share sessions, tokens, flows and the work: each note delivered once, purged once, nothing lost when one dies', async (ctx) => {
    if (!canCreate) ctx.skip();
    const receiver = await webhookReceiver();
    const canary = `Kanarie${randomBytes(6).toString('hex')}`;
    try {
      let a = await startInstance(); // seeds the organisation once
      const b = await startInstance();

      // --- A session made on A is valid on B; a token made with it on A works on B.
      const login = await fetch(`http://127.0.0.1:${a.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
      });
      const { csrfToken, tenant } = await json<{ csrfToken: string; tenant: { id: string } }>(login);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      // The first account is also the operator: it assigns the number the organisation binds below.
      const assigned = await fetch(`http://127.0.0.1:${b.port}/api/admin/numbers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
        body: JSON.stringify({ number: '+4930555000', organisationId: tenant.id }),
      });
      expect(assigned.status).toBe(201);
      const created = await fetch(`http://127.0.0.1:${b.port}/api/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
        body: JSON.stringify({
          name: 'multi',
          scopes: [
            'flows:read',
            'flows:write',
            'flows:publish',
            'flows:simulate',
            'calls:read',
            'receipts:read',
            'numbers:read',
            'numbers:write',
          ],
        }),
      });
      expect(created.status).toBe(201);
      token = (await json<{ secret: string }>(created)).secret;
      expect((await api(a, 'GET', '/api/me')).status).toBe(200);

      const ready = await json<{ ok: boolean; checks: Record<string, { ok: boolean }> }>(
        await fetch(`http://127.0.0.1:${b.port}/readyz`),
      );
      expect(ready).toEqual({
        ok: true,
        checks: { database: { ok: true }, queue: { ok: true }, shutdown: { ok: true } },
      });

      // --- Published on A, answered on B (and the number binding made on A is seen by B).
      const ttlFlow = await createFlow(a, 'mehrere-ttl', receiver.url, {
        retention: { mode: 'ttl', days: 7 },
      });
      const v1 = await publish(a, ttlFlow, 'erste Fassung');
      expect((await api(a, 'PUT', '/api/numbers', { number: '+4930555000', flowId: ttlFlow })).status).toBe(
        200,
      );
      const numbers = await json<{ numbers: { number: string }[] }>(await api(b, 'GET', '/api/numbers'));
      expect(numbers.numbers.map((n) => n.number)).toContain('+4930555000');

      // --- Concurrent live calls on both instances.
      const calls = await Promise.all(
        Array.from({ length: 12 }, (_, n) => liveCall(n % 2 ? a : b, ttlFlow, v1, canary)),
      );
      const txIds = calls.map((c) => c.txId);
      expect(calls.every((c) => c.stored)).toBe(true);
      await until(
        () => txIds.every((tx) => receiver.seen.some((s) => s.headers['idempotency-key'] === tx)),
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up
      expect(receiver.seen.map((s) => s.headers['idempotency-key']).sort()).toEqual([...txIds].sort());

      // These notes' deadline is reached (their expiry moved to the past, as time would); both purge.
      await db!.query('UPDATE call_notes SET expires_at = 0 WHERE tx_id = ANY($1)', [txIds]);
      await until(
        async () => (await receiptsOf(b)).filter((r) => txIds.includes(r.txId)).length === txIds.length,
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1500)); // room for a second receipt to show up
      const receipts = (await receiptsOf(a)).filter((r) => txIds.includes(r.txId));
      expect(receipts.map((r) => r.txId).sort()).toEqual([...txIds].sort());
      expect(new Set(receipts.map((r) => r.reason))).toEqual(new Set(['expired']));
      for (const tx of txIds.slice(0, 3)) expect((await api(b, 'GET', `/api/calls/${tx}`)).status).toBe(404);

      // --- Zero persistence on B: delivered from B's memory; no row, no job, anywhere.
      const zeroFlow = await createFlow(a, 'mehrere-nichts', receiver.url, {
        retention: { mode: 'immediate' },
        zeroPersistence: true,
      });
      const zv = await publish(a, zeroFlow, 'ohne Speicherung');
      const zero = await liveCall(b, zeroFlow, zv, canary);
      expect(zero.stored).toBe(false);
      await until(() => receiver.seen.some((s) => s.headers['idempotency-key'] === zero.txId), 15_000);
      expect(await everyTable()).not.toContain(zero.txId);

      // --- A dies right after the receiver accepted a note (before recording it): B delivers it.
      const immediateFlow = await createFlow(b, 'mehrere-sofort', receiver.url, {
        retention: { mode: 'immediate' },
      });
      const iv = await publish(b, immediateFlow, 'sofort löschen');
      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      a = await startInstance({ CALLFLOW_TEST_FREEZE_AT: 'delivery' });
      const sent: string[] = [];
      // A queues each note and wakes its own worker, so A nearly always sends; if B was quicker, call again.
      for (let n = 0; n < 4 && !a.stderr().includes('callflow-test-frozen delivery'); n++) {
        const before = receiver.seen.length;
        void liveCall(a, immediateFlow, iv, canary).catch(() => undefined); // A may freeze before answering
        await until(() => receiver.seen.length > before, 15_000);
        sent.push(receiver.seen.at(-1)!.headers['idempotency-key'] as string);
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(a.stderr()).toContain('callflow-test-frozen delivery');
      await a.kill(); // the whole process group: with CALLFLOW_WORKERS > 1 the frozen one is a worker
      await until(
        async () => (await receiptsOf(b)).filter((r) => sent.includes(r.txId)).length === sent.length,
        90_000,
      );
      const afterCrash = (await receiptsOf(b)).filter((r) => sent.includes(r.txId));
      expect(afterCrash.map((r) => r.reason)).toEqual(sent.map(() => 'delivered'));
      expect(new Set(afterCrash.map((r) => r.txId)).size).toBe(sent.length);
      const frozen = sent.at(-1)!;
      // At least once towards the receiver, with one idempotency key per note.
      expect(
        receiver.seen.filter((s) => s.headers['idempotency-key'] === frozen).length,
      ).toBeGreaterThanOrEqual(2);
      for (const tx of sent) expect((await api(b, 'GET', `/api/calls/${tx}`)).status).toBe(404);
      const verdict = await json<{ ok: boolean; count: number }>(await api(b, 'GET', '/api/receipts/verify'));
      expect(verdict).toMatchObject({ ok: true, count: txIds.length + sent.length });

      // --- B drains and exits cleanly; nothing of the callers is in any table; logs are allow-listed.
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
      expect(findCanary(Buffer.from(await everyTable()), canary)).toEqual([]);
      const allStdout = instances.map((i) => i.stdout()).join('\n');
      const lines = allStdout.split('\n').filter((l) => l.startsWith('{'));
      for (const l of lines) expectValid(JSON.parse(l));
      expect(findCanary(Buffer.from(allStdout), canary)).toEqual([]);
    } finally {
      await receiver.close();
    }
  }, 240_000);
});
