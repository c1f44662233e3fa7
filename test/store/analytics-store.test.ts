// Daily flow analytics in the store, on every dialect: calls finished at the same moment (as on
// several instances) all count, counters add up, queries stay inside one tenant, flow, version
// set and source (phone | test), and the retention purge drops whole days. The source migration
// upgrades a database written before it: the draft's rows become test calls, the rest phone calls.
import { describe, expect, it } from 'vitest';
import type { AnalyticsQuery } from '../../engine/src/analytics/repository';
import type { CallSummary } from '../../engine/src/analytics/summary';
import { countersOf, emptyCounts } from '../../engine/src/analytics/summary';
import type { Store } from '../../engine/src/store/types';
import { describeStores } from './describe-stores';
import { upgradePg, upgradeSqlite } from './previous-release';
import { TEST_DATABASE_URL } from './test-databases';

const call = (day: string, outcome: CallSummary['outcome'], durationMs: number): CallSummary => ({
  day,
  outcome,
  durationMs,
  nodes: { intake: { ...emptyCounts(), entered: 1, left: { next: 1 }, reprompts: 2 } },
});

describeStores('analytics store', (d) => {
  it('counts simultaneous calls exactly, per tenant, flow, version and day, and purges old days', async () => {
    const { store } = await d.open();
    const analytics = store.analytics!;
    const a = (await store.tenants.create('A')).id;
    const b = (await store.tenants.create('B')).id;
    const scope = { tenantId: a, flowId: 'f', version: 1, source: 'phone' as const };
    const calls = Array.from({ length: 10 }, (_, i) =>
      call('2026-03-25', i % 2 ? 'delivered' : 'hung-up', 15_000),
    );
    await Promise.all(calls.map((c) => analytics.add(scope, c, countersOf(c))));
    await analytics.add({ ...scope, version: 2 }, call('2026-03-25', 'failed', 5_000), []);
    await analytics.add(
      { tenantId: b, flowId: 'f', version: 1, source: 'phone' },
      call('2026-03-25', 'failed', 5_000),
      [],
    );
    await analytics.add(scope, call('2026-02-01', 'delivered', 5_000), []);

    const q = { tenantId: a, flowId: 'f', from: '2026-03-01', to: '2026-03-31', versions: [1] };
    const [day] = await analytics.days(q);
    expect(day).toMatchObject({
      version: 1,
      source: 'phone',
      day: '2026-03-25',
      calls: 10,
      delivered: 5,
      hungUp: 5,
      failed: 0,
    });
    expect(day.duration.reduce((s, n) => s + n, 0)).toBe(10);
    const counters = await analytics.counters(q);
    expect(counters.find((c) => c.metric === 'reprompts')?.count).toBe(20);
    expect(counters.find((c) => c.metric === 'left')).toMatchObject({
      key: 'next',
      count: 10,
      source: 'phone',
    });
    expect((await analytics.days({ ...q, versions: undefined })).map((r) => r.version).sort()).toEqual([
      1, 2,
    ]);
    expect(await analytics.days({ ...q, tenantId: b, versions: undefined })).toHaveLength(1);

    expect(await analytics.purgeBefore('2026-03-01')).toBe(1);
    expect(await analytics.days({ ...q, from: '2026-01-01' })).toHaveLength(1);
  });

  it('keeps test calls apart from phone calls of the same version and day, also when they finish together', async () => {
    const { store } = await d.open();
    const analytics = store.analytics!;
    const tenantId = (await store.tenants.create('A')).id;
    const phone = { tenantId, flowId: 'f', version: 3, source: 'phone' as const };
    const c = call('2026-03-25', 'delivered', 15_000);
    await Promise.all([
      ...Array.from({ length: 6 }, () => analytics.add(phone, c, countersOf(c))),
      ...Array.from({ length: 4 }, () => analytics.add({ ...phone, source: 'test' }, c, countersOf(c))),
    ]);
    const q: AnalyticsQuery = { tenantId, flowId: 'f', from: '2026-03-25', to: '2026-03-25' };
    const bySource = (rows: { source: string; calls?: number; count?: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.source, r.calls ?? r.count]));
    expect(bySource(await analytics.days(q))).toEqual({ phone: 6, test: 4 });
    expect(bySource(await analytics.days({ ...q, sources: ['phone'] }))).toEqual({ phone: 6 });
    expect(bySource(await analytics.days({ ...q, sources: ['test'] }))).toEqual({ test: 4 });
    const entered = (await analytics.counters({ ...q, sources: ['test'] })).filter(
      (x) => x.metric === 'entered',
    );
    expect(entered).toEqual([expect.objectContaining({ source: 'test', node: 'intake', count: 4 })]);
  });
});

const OLD_ROWS = [
  // A draft day (only test calls could run the draft) and a published version's day.
  `INSERT INTO analytics_days (tenant_id, flow_id, flow_version, day, calls, delivered, handed_off, hung_up, failed, duration_hist, latency_hist)
   VALUES ('t1', 'f', 0, '2026-03-25', 7, 7, 0, 0, 0, '[]', '[]'), ('t1', 'f', 2, '2026-03-25', 9, 9, 0, 0, 0, '[]', '[]')`,
  `INSERT INTO analytics_counters (tenant_id, flow_id, flow_version, day, node_id, metric, key, count)
   VALUES ('t1', 'f', 0, '2026-03-25', 'intake', 'entered', '', 7), ('t1', 'f', 2, '2026-03-25', 'intake', 'entered', '', 9)`,
];

async function expectUpgraded(store: Store): Promise<void> {
  const q: AnalyticsQuery = { tenantId: 't1', flowId: 'f', from: '2026-03-01', to: '2026-03-31' };
  const days = (await store.analytics!.days(q)).map((r) => [r.version, r.source, r.calls]).sort();
  expect(days).toEqual([
    [0, 'test', 7],
    [2, 'phone', 9],
  ]);
  const counters = (await store.analytics!.counters(q)).map((r) => [r.version, r.source, r.count]).sort();
  expect(counters).toEqual([
    [0, 'test', 7],
    [2, 'phone', 9],
  ]);
  // The new key works on the upgraded table: a test call on version 2 gets its own row.
  const c = call('2026-03-25', 'delivered', 1_000);
  await store.analytics!.add({ tenantId: 't1', flowId: 'f', version: 2, source: 'test' }, c, countersOf(c));
  expect(
    (await store.analytics!.days({ ...q, versions: [2] })).map((r) => [r.source, r.calls]).sort(),
  ).toEqual([
    ['phone', 9],
    ['test', 1],
  ]);
}

const SOURCE_UPGRADE = {
  before: '_analytics_source',
  rows: [`INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'A', 0)`, ...OLD_ROWS],
  check: expectUpgraded,
};

describe('analytics source migration [sqlite]', () => {
  it('marks the draft’s existing rows as test calls and every other row as phone calls', () =>
    upgradeSqlite(SOURCE_UPGRADE));
});

(TEST_DATABASE_URL ? describe : describe.skip)('analytics source migration [postgres]', () => {
  it('marks the draft’s existing rows as test calls and every other row as phone calls', () =>
    upgradePg(TEST_DATABASE_URL!, SOURCE_UPGRADE));
});
