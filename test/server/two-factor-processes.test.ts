// Two server processes on one database (SQLite file, WAL): the two-factor attempt limit and the
// memory of used codes hold across both — a guesser gains nothing by alternating processes, and a
// code accepted by one is refused by the other.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killServers, startServer, type ServerProcess } from '../harness/server-process';

const EMAIL = 'betrieb@callflow.example';
const PASSWORD = 'Betriebs-Passwort-fuer-zwei-Prozesse';
let dataDir: string;
const servers: ServerProcess[] = [];

/** One process on the shared data dir; resolves with its base URL once it listens. */
async function startProcess(): Promise<string> {
  const server = await startServer({
    CALLFLOW_DATA_DIR: dataDir,
    CALLFLOW_ADMIN_EMAIL: EMAIL,
    CALLFLOW_ADMIN_PASSWORD: PASSWORD,
    CALLFLOW_DEMO: '0',
    SHUTDOWN_GRACE_SECONDS: '1',
  });
  servers.push(server);
  return server.url;
}

let a: string;
let b: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callflow-2fa-'));
  // The first start creates the operator; the second process opens the same database.
  a = await startProcess();
  b = await startProcess();
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  killServers();
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
