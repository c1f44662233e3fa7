// Starts the real Callflow server (compiled: dist/server.js) as a child process on a free loopback
// port with a temporary data dir and known demo credentials; stop() kills it and removes the dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness/free-port';
import { serverArgs } from '../harness/server-bin';

export const ADMIN = { email: 'praxis@example.org', password: 'Probe-Passwort-2026' };

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(root: string, timeoutMs = 60_000): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'callflow-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, serverArgs(), {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: url,
      CALLFLOW_DATA_DIR: dataDir,
      CALLFLOW_ADMIN_EMAIL: ADMIN.email,
      CALLFLOW_ADMIN_PASSWORD: ADMIN.password,
      CALLFLOW_SKIP_DESIGNER_BUILD: '1',
      LOG_LEVEL: 'warn',
      METADATA_SERVER_DETECTION: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server did not start: ${output.slice(-2000)}`);
}
