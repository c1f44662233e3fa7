// Two server processes on one database (SQLite file, WAL): the two-factor attempt limit and the
// memory of used codes hold across both — a guesser gains nothing by alternating processes, and a
// code accepted by one is refused by the other.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { serverArgs } from '../harness/server-bin';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EMAIL = 'betrieb@callflow.example';
const PASSWORD = 'Betriebs-Passwort-fuer-zwei-Prozesse';
const children = new Set<ChildProcess>();
let dataDir: string;

async function startServer(port: number): Promise<string> {
  const child = spawn(process.execPath, serverArgs(), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      METADATA_SERVER_DETECTION: 'none',
      PORT: String(port),
      HOST: '127.0.0.1',
      CALLFLOW_DATA_DIR: dataDir,
      CALLFLOW_SKIP_DESIGNER_BUILD: '1',
      CALLFLOW_ADMIN_EMAIL: EMAIL,
      CALLFLOW_ADMIN_PASSWORD: PASSWORD,
      CALLFLOW_DEMO: '0',
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  child.once('exit', () => children.delete(child));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return base;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start: ${out.slice(0, 2000)}`);
}

let a: string;
let b: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callflow-2fa-'));
  // The first start creates the operator; the second process opens the same database.
  a = await startServer(await freePort());
  b = await startServer(await freePort());
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    [...children].map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
  );
  await rm(dataDir, { recursive: true, force: true });
});

const login = (base: string, code?: string) =>
  fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD, ...(code ? { code } : {}) }),
  });

describe('two-factor login across two server processes', () => {
  it('remembers used codes and counts wrong ones together', async () => {
    const first = await login(a);
    expect(first.status).toBe(200);
    const cookie = /callflow_session=[^;]+/.exec(first.headers.get('set-cookie') ?? '')![0];
    const { csrfToken } = (await first.json()) as { csrfToken: string };
    const headers = { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' };
    const started = await fetch(`${a}/api/account/two-factor`, { method: 'POST', headers });
    const { secret } = (await started.json()) as { secret: string };
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const confirmed = await fetch(`${b}/api/account/two-factor/confirm`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ code: totp.generate() }),
    });
    expect(confirmed.status).toBe(200);

    // The next step's code: accepted by A, then refused by B.
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    expect((await login(a, next)).status).toBe(200);
    expect((await login(b, next)).status).toBe(401);

    // Wrong codes alternate between the processes; the limit (5) is one count for both.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(i % 2 ? a : b, '000000')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await login(a, '000000')).status).toBe(429);
  });
});
