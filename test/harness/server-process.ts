// The real server (the compiled engine/src/main.ts, see server-bin.ts) as a child process on loopback, for tests that need the
// whole process: restarts, signals, crashes, the browser. It listens on a port of its own choosing
// (PORT=0) and names it in its `server.listening` log line, so no test races another process for
// a port picked beforehand, and readiness is an event — the line, or the process ending first —
// never a poll against a deadline of our own (a busy machine may take long to start; the test's
// own timeout is the only bound). No wrapper: signals reach the server (or its cluster primary).
import { spawn, type ChildProcess } from 'node:child_process';
import { serverArgs } from './server-bin';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const running = new Set<ChildProcess>();

export interface ServerProcess {
  readonly child: ChildProcess;
  /** stdout (the JSON log lines and the first-start notice). */
  stdout(): string;
  stderr(): string;
  /** The exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** Resolves with the port once the server listens; rejects with its output if it ends first. */
  readonly listening: Promise<number>;
  /** Resolves once `text` appears on stdout or stderr; rejects with the output if the process ends first. */
  waitForOutput(text: string): Promise<void>;
  /** Resolves with the first log line of `event` whose fields include `fields`; rejects if the process ends first. */
  waitForLog(event: string, fields?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** SIGTERM (graceful shutdown); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
}

/**
 * Starts the server with `env` on top of a minimal environment (loopback, PORT=0, no designer
 * build, info logs: the readiness line is an info line, so LOG_LEVEL cannot be raised).
 */
export function spawnServer(env: Record<string, string | undefined>): ServerProcess {
  const child = spawn(process.execPath, serverArgs(), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      METADATA_SERVER_DETECTION: 'none',
      HOST: '127.0.0.1',
      CALLFLOW_SKIP_DESIGNER_BUILD: '1',
      // One process unless a test asks for the cluster; CALLFLOW_TEST_WORKERS=2 runs every
      // process-level test against two worker processes instead.
      CALLFLOW_WORKERS: process.env.CALLFLOW_TEST_WORKERS ?? '1',
      ...env,
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: a crash test's SIGKILL ends the primary and its workers alike.
    detached: true,
  });
  running.add(child);
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  child.stdout?.on('data', (d) => ((out += String(d)), notify()));
  child.stderr?.on('data', (d) => ((err += String(d)), notify()));
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    // 'close', not 'exit': the process has ended and its output has been read to the end (its last
    // log lines — a cluster primary's come after its workers' — may still be in the pipe at 'exit').
    child.once('close', (code) => {
      running.delete(child);
      ended = true;
      notify();
      resolve(code);
    }),
  );
  /** Resolves when `found()` gives a value, rejects when the process has ended without it. */
  const when = <T>(found: () => T | undefined, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value !== undefined) return void (waiters.delete(check), resolve(value));
        if (ended) {
          waiters.delete(check);
          reject(new Error(`server ended before ${what}:\n${out.slice(-3000)}\n${err.slice(-3000)}`));
        }
      };
      waiters.add(check);
      check();
    });
  const listening = when(() => logLine(out, 'server.listening')?.port as number | undefined, 'listening');
  listening.catch(() => undefined); // a caller that only waits for other output need not handle it
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    listening,
    waitForLog: (event, fields = {}) => when(() => logLine(out, event, fields), event),
    waitForOutput: async (text) => {
      await when(() => (out.includes(text) || err.includes(text) ? true : undefined), text);
    },
    stop: () => (child.kill('SIGTERM'), exited),
    kill: async () => {
      killGroup(child);
      await exited;
    },
  };
}

/** Spawns the server and waits until it listens: `url` is its loopback address. */
export async function startServer(
  env: Record<string, string | undefined>,
): Promise<ServerProcess & { port: number; url: string }> {
  const server = spawnServer(env);
  const port = await server.listening;
  return { ...server, port, url: `http://127.0.0.1:${port}` };
}

/** SIGKILL to the server's whole process group (with CALLFLOW_WORKERS > 1: primary and workers). */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL'); // the group is gone already
  }
}

/** For afterAll: whatever is still running is killed. */
export function killServers(): void {
  for (const child of running) killGroup(child);
}

/** The first complete log line of `event` with these field values. */
function logLine(
  stdout: string,
  event: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> | undefined {
  for (const line of stdout.split('\n').slice(0, -1)) {
    if (!line.startsWith('{') || !line.includes(`"${event}"`)) continue;
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (parsed.event === event && Object.entries(fields).every(([k, v]) => parsed[k] === v)) return parsed;
  }
  return undefined;
}
