// Starts what a load run talks to, each as a separate process on 127.0.0.1: the vendor fakes
// (fakes-process.ts) and the real server (compiled: dist/server.js) with a fresh data dir —
// or a fresh PostgreSQL database — its phone routes pointed at the fakes, /metrics on and
// loopback webhooks allowed. Logs go to files in the run dir. Every child is its own process
// group and is killed (group-wide) on stop(), on exit of this process, and on SIGINT/SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import pg from 'pg';
import type { FakeDelays, FakesAddresses, FakesConfig } from './fakes-process';
import { ensureBuilt } from '../scripts/build/ensure.mjs';
import { freePort } from '../test/harness/free-port';
import { serverArgs } from '../test/harness/server-bin';

export const ROOT = resolve(import.meta.dirname, '..');

export interface StackOptions {
  /** Logs (`server.log`, `fakes.log`), the data dir and CPU profiles go here. */
  readonly runDir: string;
  readonly delays: FakeDelays;
  /** The run's phrase book (load/scripts.ts PhraseBook.list). */
  readonly phrases: readonly string[];
  readonly database?: 'sqlite' | 'postgres';
  /** Passed to the fakes' `faults` start options. */
  readonly faults?: FakesConfig['faults'];
  /** Extra server environment (e.g. CALLFLOW_DELIVERY_INTERVAL_MS). */
  readonly serverEnv?: Readonly<Record<string, string>>;
  /** Run the server with `node --cpu-prof` (profile written to runDir on a clean exit). */
  readonly cpuProf?: boolean;
}

export interface Stack {
  /** http://127.0.0.1:PORT — where callers and the API client connect. */
  readonly serverUrl: string;
  /** What the server signs and advertises (https://…); TwilioCaller swaps it for serverUrl. */
  readonly publicBaseUrl: string;
  readonly twilio: { readonly accountSid: string; readonly authToken: string };
  readonly admin: { readonly email: string; readonly password: string };
  readonly fakes: FakesAddresses;
  readonly dataDir: string;
  readonly logs: { readonly server: string; readonly fakes: string };
  /** Current pids (the server's changes on restart). */
  serverPid(): number | undefined;
  fakesPid(): number | undefined;
  /** Signals the server process (default SIGKILL) and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and data (after kill); resolves when ready. */
  restart(): Promise<void>;
  /** Stops everything (SIGTERM, then SIGKILL after `graceMs`), drops a PostgreSQL database. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kill every child's process group; used on any exit of the orchestrating process. */
export function killAllChildren(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const child of live) {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => killAllChildren());
}

function spawnChild(args: string[], env: NodeJS.ProcessEnv, log: WriteStream): ChildProcess {
  installExitHook();
  // detached: its own process group, so a group kill also takes anything it spawned.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

async function stopChild(
  child: ChildProcess | undefined,
  graceMs: number,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, graceMs);
  await exited(child);
  clearTimeout(timer);
}

async function startFakes(
  config: FakesConfig,
  log: WriteStream,
): Promise<{ child: ChildProcess; addresses: FakesAddresses }> {
  const child = spawnChild(
    ['--import', 'tsx/esm', 'load/fakes-process.ts', JSON.stringify(config)],
    baseEnv(),
    log,
  );
  const addresses = await new Promise<FakesAddresses>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error('fakes did not start within 30 s')), 30_000);
    child.stdout?.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('{"fakes"'));
      if (line) {
        clearTimeout(timer);
        res((JSON.parse(line) as { fakes: FakesAddresses }).fakes);
      }
    });
    child.once('exit', (code) => rej(new Error(`fakes exited (${code}) before listening`)));
  });
  return { child, addresses };
}

function baseEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    METADATA_SERVER_DETECTION: 'none',
    NODE_ENV: 'production',
  };
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.CALLFLOW_TEST_DATABASE_URL;
  if (!admin) throw new Error('--database postgres needs CALLFLOW_TEST_DATABASE_URL (a role with CREATEDB)');
  const name = `callflow_load_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) during start; see server.log`);
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('server not ready within 60 s; see server.log');
}

export async function startStack(options: StackOptions): Promise<Stack> {
  // Outside the test run (npm run load) nobody has built the server yet.
  await ensureBuilt('server');
  mkdirSync(options.runDir, { recursive: true });
  const logs = { server: join(options.runDir, 'server.log'), fakes: join(options.runDir, 'fakes.log') };
  const serverLog = createWriteStream(logs.server, { flags: 'a' });
  const fakesLog = createWriteStream(logs.fakes, { flags: 'a' });
  const twilio = {
    accountSid: 'AC00000000000000000000000000000042',
    authToken: randomBytes(16).toString('hex'),
  };
  const admin = { email: 'last@demo-praxis.example', password: randomBytes(18).toString('base64url') };
  const elevenLabsKey = 'xi-load';
  const fakes = await startFakes(
    { delays: options.delays, phrases: options.phrases, twilio, elevenLabsKey, faults: options.faults },
    fakesLog,
  );
  const db = options.database === 'postgres' ? await createDatabase() : undefined;
  const port = await freePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const publicBaseUrl = 'https://voice.load.invalid';
  const dataDir = join(options.runDir, 'data');
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: publicBaseUrl,
    CALLFLOW_DATA_DIR: dataDir,
    CALLFLOW_SKIP_DESIGNER_BUILD: '1',
    // One server process unless a run asks for the cluster (--server-workers; CALLFLOW_TEST_WORKERS
    // in tests that run the load harness).
    CALLFLOW_WORKERS: process.env.CALLFLOW_TEST_WORKERS ?? '1',
    CALLFLOW_ADMIN_EMAIL: admin.email,
    CALLFLOW_ADMIN_PASSWORD: admin.password,
    CALLFLOW_METRICS: '1',
    CALLFLOW_ALLOW_LOOPBACK_WEBHOOKS: '1',
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_SECONDS: '5',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: fakes.addresses.twilioApiBaseUrl,
    GOOGLE_SPEECH_ENDPOINT: fakes.addresses.googleEndpoint,
    GOOGLE_SPEECH_INSECURE: '1',
    ELEVENLABS_API_KEY: elevenLabsKey,
    ELEVENLABS_VOICE_ID: 'voice-load',
    ELEVENLABS_BASE_URL: fakes.addresses.elevenLabsBaseUrl,
    OPENAI_API_KEY: 'sk-load',
    OPENAI_BASE_URL: fakes.addresses.openaiBaseUrl,
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...options.serverEnv,
  };
  const args = serverArgs(
    options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', join(options.runDir, 'profile')] : [],
  );
  let server: ChildProcess | undefined;
  const startServer = async () => {
    server = spawnChild(args, env, serverLog);
    await waitReady(serverUrl, server, 60_000);
  };
  try {
    await startServer();
  } catch (err) {
    await stopChild(server, 0, 'SIGKILL');
    await stopChild(fakes.child, 0, 'SIGKILL');
    await db?.drop().catch(() => undefined);
    throw err;
  }

  let stopped = false;
  return {
    serverUrl,
    publicBaseUrl,
    twilio,
    admin,
    fakes: fakes.addresses,
    dataDir,
    logs,
    serverPid: () => server?.pid,
    fakesPid: () => fakes.child.pid,
    async kill(signal = 'SIGKILL') {
      await stopChild(server, 10_000, signal);
    },
    async restart() {
      await stopChild(server, 10_000);
      await startServer();
    },
    async stop(graceMs = 10_000) {
      if (stopped) return;
      stopped = true;
      await Promise.all([stopChild(server, graceMs), stopChild(fakes.child, 3000)]);
      await db?.drop().catch(() => undefined);
      await Promise.all([new Promise((r) => serverLog.end(r)), new Promise((r) => fakesLog.end(r))]);
    },
  };
}
