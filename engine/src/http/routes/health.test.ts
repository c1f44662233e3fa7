import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../log/index';
import { createRecords } from '../../records/services';
import { createSqliteStore } from '../../store/sqlite/index';
import { createApp } from '../app';
import { createFlowTools } from '../flow-tools';

function appWith(opts: {
  draining?: boolean;
  queue?: () => Promise<{ ok: boolean; code?: string }>;
  dbDown?: boolean;
}) {
  const store = createSqliteStore({ file: ':memory:' });
  if (opts.dbDown) store.ping = async () => false;
  const logger = createLogger({ level: 'silent' });
  return createApp({
    twoFactorKey: randomBytes(32),
    store,
    logger,
    now: Date.now,
    flowTools: createFlowTools({ allowLoopbackWebhooks: false }),
    records: createRecords({ store, masterKey: randomBytes(32), logger, now: Date.now }),
    config: {
      publicBaseUrl: 'http://localhost:8787',
      trustProxy: false,
      allowLoopbackWebhooks: false,
      designerDir: '/nonexistent',
    },
    templates: new Map(),
    isDraining: () => opts.draining ?? false,
    ...(opts.queue ? { jobsHealth: opts.queue } : {}),
  });
}

const ready = async (app: ReturnType<typeof createApp>) => {
  const res = await app.request('/readyz');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('/readyz', () => {
  it('is 200 with every check ok', async () => {
    expect(await ready(appWith({ queue: async () => ({ ok: true }) }))).toEqual({
      status: 200,
      body: { ok: true, checks: { database: { ok: true }, queue: { ok: true }, shutdown: { ok: true } } },
    });
  });

  it('is 503 and names the failing check: queue down, database down, draining', async () => {
    const queueDown = await ready(appWith({ queue: async () => ({ ok: false, code: 'jobs.unreachable' }) }));
    expect(queueDown.status).toBe(503);
    expect(queueDown.body.checks).toMatchObject({
      database: { ok: true },
      queue: { ok: false, code: 'jobs.unreachable' },
    });
    const dbDown = await ready(appWith({ dbDown: true }));
    expect(dbDown.status).toBe(503);
    expect(dbDown.body.checks).toMatchObject({ database: { ok: false, code: 'database.unreachable' } });
    const draining = await ready(
      appWith({ draining: true, queue: async () => ({ ok: false, code: 'jobs.draining' }) }),
    );
    expect(draining.status).toBe(503);
    expect(draining.body.checks).toMatchObject({
      shutdown: { ok: false, code: 'server.draining' },
      queue: { ok: false, code: 'jobs.draining' },
    });
  });

  it('answers 503 in bounded time when a check hangs', async () => {
    const hanging = await ready(appWith({ queue: () => new Promise(() => undefined) }));
    expect(hanging.status).toBe(503);
    expect(hanging.body.checks).toMatchObject({ queue: { ok: false, code: 'jobs.unreachable' } });
  });
});
