// The real app over a real SQLite store in a temp data dir (like test/privacy/server-env.ts),
// with the analytics on a fake clock and /metrics behind a bearer token.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAnalytics } from '../../engine/src/analytics/service';
import { createApp } from '../../engine/src/http/app';
import { createFlowTools } from '../../engine/src/http/flow-tools';
import { capture } from '../../engine/src/log/capture.test-helper';
import { createLogger } from '../../engine/src/log/index';
import { createMetrics } from '../../engine/src/metrics/registry';
import { createRecords } from '../../engine/src/records/services';
import { DEMO_TARGETS } from '../../engine/src/store/bootstrap';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';
import { signedInMember } from '../harness/direct-session';

export const METRICS_TOKEN = 'metrics-test-token';

export async function analyticsEnv(clock: { now: number }) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'callflow-analytics-'));
  const dataDir = path.join(tmp, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const file = path.join(dataDir, 'callflow.db');
  const store = createSqliteStore({ file });
  const now = () => clock.now;
  const logs = capture();
  const logger = createLogger({ level: 'debug', destination: logs.destination });
  const records = createRecords({ store, masterKey: randomBytes(32), logger, now });
  const metrics = createMetrics({ defaultMetrics: false });
  const analytics = createAnalytics({
    stored: store.analytics,
    now,
    retentionDays: 396,
    onRecorded: metrics.onRecorded,
  });
  const app = createApp({
    twoFactorKey: randomBytes(32),
    store,
    records,
    logger,
    now,
    flowTools: createFlowTools({ allowLoopbackWebhooks: true }),
    analytics,
    metrics: { metrics, token: METRICS_TOKEN, trustProxy: false },
    config: {
      publicBaseUrl: 'http://localhost:8787',
      trustProxy: false,
      allowLoopbackWebhooks: true,
      designerDir: '/nonexistent',
    },
    templates: new Map(),
  });
  const tenant = await store.tenants.create('Praxis am Park');
  for (const t of DEMO_TARGETS) await store.handoffTargets.upsert(tenant.id, t);
  const session = (role: 'owner' | 'viewer') =>
    signedInMember(store, tenant.id, `${role}@praxis.example`, role);
  const sessions = { owner: await session('owner'), viewer: await session('viewer') };
  const as = (role: 'owner' | 'viewer', method: string, p: string, body?: unknown) =>
    app.request(p, {
      method,
      headers: {
        Cookie: `callflow_session=${sessions[role].cookie}`,
        'X-CSRF-Token': sessions[role].csrf,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const createFlow = async (document: Record<string, unknown>): Promise<string> => {
    const res = await as('owner', 'POST', '/api/flows', { flow: document });
    if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
    return ((await res.json()) as { flow: { id: string } }).flow.id;
  };
  /** Rows in the analytics tables, read through a second connection to the database file. */
  const rowCount = (): number => {
    const db = new Database(file, { readonly: true });
    try {
      const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      return count('analytics_days') + count('analytics_counters');
    } finally {
      db.close();
    }
  };
  return {
    tmp,
    dataDir,
    file,
    store,
    records,
    logs,
    app,
    metrics,
    analytics,
    as,
    createFlow,
    rowCount,
    tenantId: tenant.id,
    close() {
      records.stop();
      store.close();
    },
    remove() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
