// Crash safety of the privacy core in the real server process: SIGKILL during the purge (right
// after a data key was destroyed, before its row and receipt were written) and during delivery
// (after the receiver accepted the note, before the server recorded it). The kill points are
// deterministic: CALLFLOW_TEST_FREEZE_AT blocks the process there and says so on stderr.
// After a restart: notes that should be kept are kept and readable, notes that should be gone
// are gone, every deletion has exactly one receipt, the chain verifies (API and CLI), the
// receiver's duplicates share one idempotency key, both SQLite files pass integrity_check, and
// every log line validates and carries no canary.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../engine/src/log/index';
import { expectValid } from '../../engine/src/log/capture.test-helper';
import { createRecords } from '../../engine/src/records/services';
import { DAY_MS } from '../../engine/src/privacy/retention-plan';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import { findCanary, scanFiles } from './canary';
import { noteWith } from './records-env';
import { exampleFlow, webhookReceiver } from './server-env';
import { killServers, spawnServer, type ServerProcess } from '../harness/server-process';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EMAIL = 'inhaberin@crash.example';
const PASSWORD = 'ein-sehr-langes-crash-passwort';
const MASTER = randomBytes(32);
const children = new Set<ChildProcess>();
/** Every server process of the test: their log lines are checked at the end. */
const servers: ServerProcess[] = [];
let tmp: string;
let dataDir: string;
/** The port of the server running now (each start picks its own). */
let port: number;
let token: string;

/** Starts the server on the test's data dir; `freezeAt` stops it dead at a kill point. */
function spawnAt(freezeAt?: 'shred' | 'delivery'): ServerProcess {
  const server = spawnServer({
    CALLFLOW_DATA_DIR: dataDir,
    CALLFLOW_ADMIN_EMAIL: EMAIL,
    CALLFLOW_ADMIN_PASSWORD: PASSWORD,
    SHUTDOWN_GRACE_SECONDS: '1',
    CALLFLOW_MASTER_KEY: MASTER.toString('base64'),
    CALLFLOW_ALLOW_LOOPBACK_WEBHOOKS: '1',
    CALLFLOW_DELIVERY_INTERVAL_MS: '200',
    CALLFLOW_PURGE_INTERVAL_MS: '60000',
    ...(freezeAt ? { CALLFLOW_TEST_FREEZE_AT: freezeAt } : {}),
  });
  servers.push(server);
  return server;
}

/** Waits until the server listens (its port is used from then on). */
async function ready(server: ServerProcess): Promise<void> {
  port = await server.listening;
}

/** `callflow receipts verify` against the running server, as an operator would run it. */
function cliVerify(): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/callflow.js', 'receipts', 'verify', '--lang', 'en'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CALLFLOW_URL: `http://127.0.0.1:${port}`,
        CALLFLOW_TOKEN: token,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    child.stdout?.on('data', (d) => (stdout += String(d)));
    // No timer of our own: on a busy machine the CLI may start slowly; the test's timeout bounds it.
    child.once('exit', (code) => {
      children.delete(child);
      resolve({ code, stdout });
    });
  });
}

const api = (method: string, p: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${port}${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Writes notes straight into the (stopped) server's store, as calls made at `at` would have left them. */
async function seedNotes(tenantId: string, at: number, count: number, canary: string): Promise<string[]> {
  const store = createSqliteStore({ file: path.join(dataDir, 'callflow.db') });
  const records = createRecords({
    store,
    masterKey: MASTER,
    logger: createLogger({ level: 'silent' }),
    now: () => at,
  });
  const ids: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const record = noteWith(canary);
      await records.accept({
        tenantId,
        flowId: 'seeded',
        flowVersion: null,
        record,
        retention: { mode: 'ttl', days: 7 },
        zeroPersistence: false,
        delivery: { inbox: true },
      });
      ids.push(record.txId);
    }
  } finally {
    records.stop();
    store.close();
  }
  return ids;
}

function integrity(file: string): string {
  const db = new Database(path.join(dataDir, file), { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'callflow-crash-'));
  dataDir = path.join(tmp, 'data');
});
afterAll(() => {
  killServers();
  for (const child of children) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

describe('SIGKILL during purge and delivery', () => {
  it('loses nothing that should be kept, keeps nothing that should be gone, and proves every deletion', async () => {
    const canary = `Kanarie${randomBytes(6).toString('hex')}`;
    // First start: bootstrap, an API token, the tenant id.
    const first = spawnAt();
    await ready(first);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const created = await fetch(`http://127.0.0.1:${port}/api/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      body: JSON.stringify({
        name: 'crash',
        scopes: ['flows:read', 'flows:write', 'flows:simulate', 'calls:read', 'receipts:read'],
      }),
    });
    token = ((await created.json()) as { secret: string }).secret;
    const tenantId = ((await (await api('GET', '/api/me')).json()) as { tenant: { id: string } }).tenant.id;
    await first.stop();

    // --- Purge: 4 notes from 10 days ago (expired), 2 from now (kept).
    const expired = await seedNotes(tenantId, Date.now() - 10 * DAY_MS, 4, canary);
    const kept = await seedNotes(tenantId, Date.now(), 2, canary);
    const frozen = spawnAt('shred'); // the start-up purge destroys the first key, then freezes
    await frozen.waitForOutput('callflow-test-frozen shred');
    await frozen.kill();

    const restarted = spawnAt();
    await ready(restarted);
    for (const tx of expired) expect((await api('GET', `/api/calls/${tx}`)).status).toBe(404);
    for (const tx of kept) {
      const res = await api('GET', `/api/calls/${tx}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(canary); // still readable: its key survived
    }
    const { receipts } = (await (await api('GET', '/api/receipts')).json()) as {
      receipts: { txId: string; reason: string }[];
    };
    for (const tx of expired)
      expect(receipts.filter((r) => r.txId === tx).map((r) => r.reason)).toEqual(['expired']);
    expect(receipts.filter((r) => kept.includes(r.txId))).toEqual([]);

    // --- Delivery: the receiver accepts, the server is killed before it records the success.
    const receiver = await webhookReceiver();
    try {
      const flow: Record<string, unknown> = { ...exampleFlow('arztpraxis'), id: 'absturz-praxis' }; // the example itself was imported on first start
      const settings = flow.settings as {
        retention: unknown;
        delivery: { inbox: boolean; webhookUrl?: string };
      };
      settings.retention = { mode: 'immediate' };
      settings.delivery = { inbox: false, webhookUrl: receiver.url };
      const made = await api('POST', '/api/flows', { flow });
      expect(made.status, await made.clone().text()).toBe(201);
      const flowId = ((await made.json()) as { flow: { id: string } }).flow.id;
      await restarted.stop();

      const delivering = spawnAt('delivery');
      await ready(delivering);
      const sim = await api('POST', `/api/flows/${flowId}/simulate`, {
        live: true,
        at: '2026-03-02T09:00:00+01:00',
        turns: [
          { say: 'Ja, gerne.' },
          { say: 'Mein Name ist Anna Schmidt' },
          { say: 'dritter März neunzehnhundertachtzig' },
          { say: 'ja' },
          { say: 'null eins sieben eins, eins zwei drei vier fünf sechs sieben' },
          { say: 'Ja, genau.' },
          { say: `Ich brauche ein Folgerezept ${canary}` },
          { say: 'Ramipril fünf Milligramm' },
        ],
      }).catch(() => undefined); // the process may freeze before answering
      void sim;
      await delivering.waitForOutput('callflow-test-frozen delivery');
      const txId = receiver.seen[0].headers['idempotency-key'] as string;
      await delivering.kill();

      const again = spawnAt();
      await ready(again);
      await again.waitForLog('record.shredded', { txId, reason: 'delivered' }); // sent again, then shredded
      // At-least-once towards the receiver, exactly-once by idempotency key; then shredded with receipt.
      const keys = receiver.seen.map((s) => s.headers['idempotency-key']);
      expect(keys.length).toBeGreaterThanOrEqual(2);
      expect(new Set(keys)).toEqual(new Set([txId]));
      const after = (await (await api('GET', '/api/receipts')).json()) as {
        receipts: { txId: string; reason: string }[];
      };
      expect(after.receipts.filter((r) => r.txId === txId).map((r) => r.reason)).toEqual(['delivered']);
      expect((await api('GET', `/api/calls/${txId}`)).status).toBe(404);
      const verdict = (await (await api('GET', '/api/receipts/verify')).json()) as {
        ok: boolean;
        count: number;
      };
      expect(verdict).toMatchObject({ ok: true, count: expired.length + 1 });
      const cli = await cliVerify();
      expect(cli.code, cli.stdout).toBe(0);
      expect(cli.stdout).toContain(`deletion receipts intact (${expired.length + 1} receipts)`);
      await again.stop();
    } finally {
      await receiver.close();
    }

    expect(integrity('callflow.db')).toBe('ok');
    expect(integrity('keys.sqlite')).toBe('ok');
    const keyRows = new Database(path.join(dataDir, 'keys.sqlite'), { readonly: true });
    try {
      expect((keyRows.prepare('SELECT count(*) AS n FROM data_keys').get() as { n: number }).n).toBe(
        kept.length,
      );
    } finally {
      keyRows.close();
    }

    // Someone removes the receipt of a deletion from the database file: the CLI says so.
    const tamper = new Database(path.join(dataDir, 'callflow.db'));
    tamper.prepare('DELETE FROM deletion_receipts WHERE seq = 2').run();
    tamper.close();
    const tampered = spawnAt();
    await ready(tampered);
    const bad = await cliVerify();
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('receipt.gap-or-reorder');
    await tampered.stop();

    const allStdout = servers.map((s) => s.stdout()).join('\n');
    const lines = allStdout.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expectValid(JSON.parse(l));
    expect(findCanary(Buffer.from(allStdout), canary)).toEqual([]);
    expect(scanFiles([tmp], canary)).toEqual([]); // kept notes exist only as ciphertext
  }, 180_000);
});
