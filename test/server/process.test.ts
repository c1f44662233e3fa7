// The real thing: the server as a child process on 127.0.0.1 with a temp data dir. Log in, push
// and publish a flow with the CLI, bind a number, restart, and the data is still there; SIGTERM
// ends the process cleanly. Every child is killed in afterAll, whatever happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validFlow } from './fixtures';
import { killServers, startServer as startServerProcess } from '../harness/server-process';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EMAIL = 'inhaberin@demo-praxis.example';
const PASSWORD = 'ein-sehr-langes-test-passwort';
const children = new Set<ChildProcess>();
let dataDir: string;
/** The running server's port (a new one after each start). */
let port: number;

async function startServer() {
  const server = await startServerProcess({
    CALLFLOW_DATA_DIR: dataDir,
    CALLFLOW_ADMIN_EMAIL: EMAIL,
    CALLFLOW_ADMIN_PASSWORD: PASSWORD,
    SHUTDOWN_GRACE_SECONDS: '2',
  });
  port = server.port;
  return server;
}

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/callflow.js', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CALLFLOW_URL: `http://127.0.0.1:${port}`,
        LANG: 'en_US.UTF-8',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += String(d)));
    child.stderr?.on('data', (d) => (stderr += String(d)));
    // No timer of our own: on a busy machine the CLI may start slowly; the test's timeout bounds it.
    child.once('exit', (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callflow-server-'));
});

afterAll(async () => {
  killServers();
  for (const child of children) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('server process', () => {
  it('keeps flows, versions and numbers across a restart and stops cleanly on SIGTERM', async () => {
    const first = await startServer();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    expect(first.stdout()).toContain(EMAIL);
    expect(first.stdout()).toContain('"code":"master_key_generated_set_env_in_production"');

    const login = await cli(['login', '--email', EMAIL], { CALLFLOW_PASSWORD: PASSWORD });
    expect(login.code, login.stderr).toBe(0);
    const token = /CALLFLOW_TOKEN=(\S+)/.exec(login.stdout)?.[1] ?? '';
    expect(token).toMatch(/^cf_/);
    const who = await cli(['login'], { CALLFLOW_TOKEN: token });
    expect(who.stdout).toContain('Demo-Praxis');

    const file = path.join(dataDir, 'ci-ablauf.flow.json');
    await writeFile(file, JSON.stringify(validFlow('ci-ablauf', 'Aus dem CI')));
    const push = await cli(['push', file, '--publish', '--message', 'aus git'], { CALLFLOW_TOKEN: token });
    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(push.stdout).toContain('published as version 1');

    const api = (method: string, p: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${port}${p}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const flows = (await (await api('GET', '/api/flows')).json()) as {
      flows: { id: string; slug: string }[];
    };
    const flowId = flows.flows.find((f) => f.slug === 'ci-ablauf')?.id;
    expect(flowId).toBeDefined();
    // The number is the operator's to give: the first account is the operator (callflow admin …).
    expect((await api('PUT', '/api/numbers', { number: '+4930123456', flowId })).status).toBe(404);
    const adminLogin = await cli(['admin', 'login', '--email', EMAIL], { CALLFLOW_PASSWORD: PASSWORD });
    expect(adminLogin.code, adminLogin.stderr).toBe(0);
    const adminToken = /CALLFLOW_TOKEN=(\S+)/.exec(adminLogin.stdout)?.[1] ?? '';
    const orgs = await cli(['admin', 'organisations'], { CALLFLOW_TOKEN: adminToken });
    expect(orgs.stdout).toContain('+493023125000'); // the demo number
    const demoId = /^(ten_\S+)\s+active\s+Demo-Praxis/m.exec(orgs.stdout)?.[1] ?? '';
    const assign = await cli(['admin', 'numbers', 'assign', '+4930123456', '--organisation', demoId], {
      CALLFLOW_TOKEN: adminToken,
    });
    expect(assign.code, assign.stderr).toBe(0);
    // The operator token administers, nothing more: it reads no flow of the organisation.
    expect((await cli(['pull', 'ci-ablauf', '--out', '-'], { CALLFLOW_TOKEN: adminToken })).code).not.toBe(0);
    expect((await api('PUT', '/api/numbers', { number: '+4930123456', flowId })).status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await startServer();
    expect(second.stdout()).not.toContain(EMAIL); // the first-start notice is shown once
    const numbers = (await (await api('GET', '/api/numbers')).json()) as {
      numbers: { number: string; flowId: string }[];
    };
    expect(numbers.numbers).toEqual([expect.objectContaining({ number: '+4930123456', flowId })]);
    const pulled = await cli(['pull', 'ci-ablauf', '--version', '1', '--out', '-'], {
      CALLFLOW_TOKEN: token,
    });
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ id: 'ci-ablauf', name: 'Aus dem CI' });
    expect(await second.stop()).toBe(0);
  }, 120_000);
});
