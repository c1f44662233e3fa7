// Starts the real Callflow server (engine/src/main.ts) as a child process on loopback with a
// temporary data dir and known demo credentials; stop() ends it and removes the dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer as startServerProcess } from '../harness/server-process';

export const ADMIN = { email: 'praxis@example.org', password: 'Probe-Passwort-2026' };

export interface RunningServer {
  url: string;
  /** The server's data directory (privacy tests scan it for what a call must not leave). */
  dataDir: string;
  stop(): Promise<void>;
}

/** `env`: more settings for the server (e.g. vendor fakes' URLs). */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'callflow-e2e-'));
  try {
    const server = await startServerProcess({
      ...process.env,
      // Plain http on loopback: no Secure cookies (the port is the server's own choice).
      PUBLIC_BASE_URL: 'http://127.0.0.1',
      CALLFLOW_DATA_DIR: dataDir,
      CALLFLOW_ADMIN_EMAIL: ADMIN.email,
      CALLFLOW_ADMIN_PASSWORD: ADMIN.password,
      SHUTDOWN_GRACE_SECONDS: '1',
      ...env,
    });
    return {
      url: server.url,
      dataDir,
      async stop() {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
