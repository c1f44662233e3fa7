// The real server app (createApp) over a real SQLite store in a temp data dir — database, WAL
// and key store as files — with the privacy core wired like main.ts does, a log capture, an
// owner session, and a webhook receiver on 127.0.0.1. What the canary and route tests drive.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../engine/src/http/app';
import { createFlowTools } from '../../engine/src/http/flow-tools';
import { capture } from '../../engine/src/log/capture.test-helper';
import { createLogger } from '../../engine/src/log/index';
import { createRecords } from '../../engine/src/records/services';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import type { Role } from '../../engine/src/store/types';
import { signedInMember } from '../harness/direct-session';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function exampleFlow(name: 'kanzlei' | 'arztpraxis' | 'support-desk'): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, 'flows', `${name}.flow.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

export async function serverEnv(
  opts: { now?: () => number; send?: Parameters<typeof createRecords>[0]['send'] } = {},
) {
  const now = opts.now ?? Date.now;
  const tmp = mkdtempSync(path.join(tmpdir(), 'callflow-privacy-server-'));
  const dataDir = path.join(tmp, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const masterKey = randomBytes(32);
  const store = createSqliteStore({ file: path.join(dataDir, 'callflow.db') });
  const logs = capture();
  const logger = createLogger({ level: 'debug', destination: logs.destination });
  const records = createRecords({ store, masterKey, logger, now, send: opts.send });
  const app = createApp({
    twoFactorKey: randomBytes(32),
    store,
    records,
    logger,
    now,
    flowTools: createFlowTools({ allowLoopbackWebhooks: true }),
    config: {
      publicBaseUrl: 'http://localhost:8787',
      trustProxy: false,
      allowLoopbackWebhooks: true,
      designerDir: '/nonexistent',
    },
    templates: new Map(),
  });
  const tenant = await store.tenants.create('Kanzlei am Markt');
  for (const t of DEMO_TARGETS) await store.handoffTargets.upsert(tenant.id, t);
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;
  for (const role of ['owner', 'editor', 'agent', 'auditor', 'viewer'] as const)
    sessions[role] = await signedInMember(store, tenant.id, `${role}@kanzlei.example`, role);
  const as = (role: Role, method: string, p: string, body?: unknown) =>
    app.request(p, {
      method,
      headers: {
        Cookie: `callflow_session=${sessions[role].cookie}`,
        'X-CSRF-Token': sessions[role].csrf,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  /** Creates a flow from a document through the API; returns its id. */
  const createFlow = async (document: Record<string, unknown>): Promise<string> => {
    const res = await as('owner', 'POST', '/api/flows', { flow: document });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { flow: { id: string } }).flow.id;
  };
  return {
    tmp,
    dataDir,
    masterKey,
    store,
    records,
    logs,
    app,
    tenantId: tenant.id,
    as,
    createFlow,
    close() {
      records.stop();
      store.close();
    },
    remove() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export type ServerEnv = Awaited<ReturnType<typeof serverEnv>>;

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A webhook receiver on loopback answering with scripted statuses (0 = hold the request open). */
export async function webhookReceiver() {
  const statuses: number[] = [];
  const seen: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      if (status === 0) return;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    statuses,
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Polls until `check` is true (bounded). */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
