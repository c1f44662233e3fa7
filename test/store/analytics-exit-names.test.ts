// The analytics exit names follow the step kinds' specs (engine/src/flow/nodes/<kind>.ts): the
// plain exit of a questions step and a callback request, once counted as `done`, is `next`. A
// database written before (on both dialects) is upgraded on open: `done` becomes `next` and adds
// to a `next` row of the same cell, a branch option that is really called `done` keeps its name,
// and new calls count on under the new name.
import { describe, expect, it } from 'vitest';
import type { AnalyticsQuery } from '../../engine/src/analytics/repository';
import { countersOf, emptyCounts, type CallSummary } from '../../engine/src/analytics/summary';
import type { Store } from '../../engine/src/store/types';
import { upgradePg, upgradeSqlite } from './previous-release';
import { TEST_DATABASE_URL } from './test-databases';

/** Version 1 of the flow as stored: a questions step and a branch with an option called `done`. */
const VERSION_1 = JSON.stringify({
  nodes: {
    fragen: { kind: 'intake', fields: [], next: 'weiche' },
    weiche: { kind: 'branch', options: [{ id: 'done', next: 'ende' }], default: 'ende' },
  },
});

const counter = (version: number, source: string, node: string, metric: string, key: string, count: number) =>
  `('t1', 'flw_a', ${version}, '${source}', '2026-03-25', '${node}', '${metric}', '${key}', ${count})`;

const OLD_ROWS = [
  `INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'A', 0)`,
  `INSERT INTO flows (id, tenant_id, slug, name, created_at, updated_at) VALUES ('flw_a', 't1', 'a', 'A', 1, 1)`,
  `INSERT INTO flow_versions (id, tenant_id, flow_id, number, content_hash, canonical_json, message, created_at)
   VALUES ('ver_1', 't1', 'flw_a', 1, 'h1', '${VERSION_1}', 'm', 1)`,
  `INSERT INTO analytics_counters (tenant_id, flow_id, flow_version, source, day, node_id, metric, key, count) VALUES
   ${[
     counter(1, 'phone', 'fragen', 'entered', '', 6),
     counter(1, 'phone', 'fragen', 'left', 'done', 5),
     counter(1, 'phone', 'fragen', 'left', 'human', 1),
     counter(1, 'phone', 'weiche', 'left', 'done', 2),
     // The draft: a step counted under both names (it was an announcement, then a questions step).
     counter(0, 'test', 'anders', 'left', 'next', 2),
     counter(0, 'test', 'anders', 'left', 'done', 3),
   ].join(',\n   ')}`,
];

async function expectUpgraded(store: Store): Promise<void> {
  const q: AnalyticsQuery = { tenantId: 't1', flowId: 'flw_a', from: '2026-03-01', to: '2026-03-31' };
  const left = async () =>
    (await store.analytics!.counters(q))
      .filter((c) => c.metric === 'left')
      .map((c) => `${c.version} ${c.node} ${c.key}=${c.count}`)
      .sort();
  expect(await left()).toEqual(['0 anders next=5', '1 fragen human=1', '1 fragen next=5', '1 weiche done=2']);
  // A call recorded now counts on the migrated row.
  const call: CallSummary = {
    day: '2026-03-25',
    outcome: 'delivered',
    durationMs: 1_000,
    nodes: { fragen: { ...emptyCounts(), entered: 1, left: { next: 1 } } },
  };
  await store.analytics!.add(
    { tenantId: 't1', flowId: 'flw_a', version: 1, source: 'phone' },
    call,
    countersOf(call),
  );
  expect(await left()).toContain('1 fragen next=6');
}

const EXIT_UPGRADE = { before: '_analytics_exit_next', rows: OLD_ROWS, check: expectUpgraded };

describe('analytics exit names migration [sqlite]', () => {
  it('renames `done` to `next`, merges with existing `next` rows and spares branch options', () =>
    upgradeSqlite(EXIT_UPGRADE));
});

(TEST_DATABASE_URL ? describe : describe.skip)('analytics exit names migration [postgres]', () => {
  it('renames `done` to `next`, merges with existing `next` rows and spares branch options', () =>
    upgradePg(TEST_DATABASE_URL!, EXIT_UPGRADE));
});
