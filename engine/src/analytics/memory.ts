// The in-memory aggregates of zero-persistence flows: nothing of them is ever written; they are
// visible while the server runs (API, /metrics) and gone on restart. Bounded by the purge
// (retention days) and by the flows' node ids.
import {
  addCall,
  inQuery,
  type AnalyticsQuery,
  type AnalyticsRepository,
  type AnalyticsScope,
  type DayTotals,
  type StoredCounter,
  type StoredDay,
  emptyTotals,
} from './repository';
import type { NodeCounter } from './summary';

interface Bucket {
  scope: AnalyticsScope;
  day: string;
  totals: DayTotals;
  counters: Map<string, StoredCounter>;
}

export function memoryAnalyticsRepository(): AnalyticsRepository & { size(): number } {
  const buckets = new Map<string, Bucket>();
  const ofFlow = (q: AnalyticsQuery) =>
    [...buckets.values()].filter(
      (b) => b.scope.tenantId === q.tenantId && b.scope.flowId === q.flowId && inQuery(q, b.scope, b.day),
    );
  return {
    async add(scope, summary, counters: readonly NodeCounter[]) {
      const id = JSON.stringify([scope.tenantId, scope.flowId, scope.version, scope.source, summary.day]);
      let b = buckets.get(id);
      if (!b) buckets.set(id, (b = { scope, day: summary.day, totals: emptyTotals(), counters: new Map() }));
      b.totals = addCall(b.totals, summary);
      for (const c of counters) {
        const key = `${c.node}\u0000${c.metric}\u0000${c.key}`;
        const prev = b.counters.get(key);
        b.counters.set(key, {
          ...c,
          version: scope.version,
          source: scope.source,
          day: summary.day,
          count: (prev?.count ?? 0) + c.count,
        });
      }
    },
    async days(q) {
      return ofFlow(q).map((b): StoredDay => ({
        ...b.totals,
        version: b.scope.version,
        source: b.scope.source,
        day: b.day,
      }));
    },
    async counters(q) {
      return ofFlow(q).flatMap((b) => [...b.counters.values()]);
    },
    async purgeBefore(day) {
      let removed = 0;
      for (const [id, b] of buckets)
        if (b.day < day) {
          removed += 1 + b.counters.size;
          buckets.delete(id);
        }
      return removed;
    },
    size: () => buckets.size,
  };
}
