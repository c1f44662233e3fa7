// Daily flow analytics in the store, on every dialect: calls finished at the same moment (as on
// several instances) all count, counters add up, queries stay inside one tenant, flow and
// version set, and the retention purge drops whole days.
import { expect, it } from 'vitest';
import type { CallSummary } from '../../engine/src/analytics/summary';
import { countersOf, emptyCounts } from '../../engine/src/analytics/summary';
import { describeStores } from './describe-stores';

const call = (day: string, outcome: CallSummary['outcome'], durationMs: number): CallSummary => ({
  day, outcome, durationMs, nodes: { intake: { ...emptyCounts(), entered: 1, left: { done: 1 }, reprompts: 2 } },
});

describeStores('analytics store', (d) => {
  it('counts simultaneous calls exactly, per tenant, flow, version and day, and purges old days', async () => {
    const { store } = await d.open();
    const analytics = store.analytics!;
    const a = (await store.tenants.create('A')).id;
    const b = (await store.tenants.create('B')).id;
    const scope = { tenantId: a, flowId: 'f', version: 1 };
    const calls = Array.from({ length: 10 }, (_, i) => call('2026-03-25', i % 2 ? 'delivered' : 'hung-up', 15_000));
    await Promise.all(calls.map((c) => analytics.add(scope, c, countersOf(c))));
    await analytics.add({ ...scope, version: 2 }, call('2026-03-25', 'failed', 5_000), []);
    await analytics.add({ tenantId: b, flowId: 'f', version: 1 }, call('2026-03-25', 'failed', 5_000), []);
    await analytics.add(scope, call('2026-02-01', 'delivered', 5_000), []);

    const q = { tenantId: a, flowId: 'f', from: '2026-03-01', to: '2026-03-31', versions: [1] };
    const [day] = await analytics.days(q);
    expect(day).toMatchObject({ version: 1, day: '2026-03-25', calls: 10, delivered: 5, hungUp: 5, failed: 0 });
    expect(day.duration.reduce((s, n) => s + n, 0)).toBe(10);
    const counters = await analytics.counters(q);
    expect(counters.find((c) => c.metric === 'reprompts')?.count).toBe(20);
    expect(counters.find((c) => c.metric === 'left')).toMatchObject({ key: 'done', count: 10 });
    expect((await analytics.days({ ...q, versions: undefined })).map((r) => r.version).sort()).toEqual([1, 2]);
    expect(await analytics.days({ ...q, tenantId: b, versions: undefined })).toHaveLength(1);

    expect(await analytics.purgeBefore('2026-03-01')).toBe(1);
    expect(await analytics.days({ ...q, from: '2026-01-01' })).toHaveLength(1);
  });
});
