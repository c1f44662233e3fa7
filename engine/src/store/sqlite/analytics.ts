// SQLite side of the analytics repository: each finished call adds to the day's
// totals (histograms merged in JS) and upserts the node counters.
import { and, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import {
  addCall,
  emptyTotals,
  type AnalyticsQuery,
  type CallSource,
  type AnalyticsRepository,
  type StoredCounter,
  type StoredDay,
} from '../../analytics/repository';
import type { CallSummary, NodeCounter, NodeMetric } from '../../analytics/summary';
import { analyticsCounters, analyticsDays } from './analytics-schema';
import type { SqliteDb } from './open';
import type { WriteBatch } from './write-batch';

function where(table: typeof analyticsDays | typeof analyticsCounters, q: AnalyticsQuery) {
  return and(
    eq(table.tenantId, q.tenantId),
    eq(table.flowId, q.flowId),
    gte(table.day, q.from),
    lte(table.day, q.to),
    ...(q.versions ? [inArray(table.flowVersion, [...q.versions])] : []),
    ...(q.sources ? [inArray(table.source, [...q.sources])] : []),
  );
}

/** Rows hold 'phone' or 'test' only; anything else would be a bug, read as a test call (never inflates real traffic). */
const sourceOf = (s: string): CallSource => (s === 'phone' ? 'phone' : 'test');
const numbers = (json: string): number[] =>
  (JSON.parse(json) as unknown[]).map((n) => (typeof n === 'number' ? n : 0));

/** `batch`: a finished call's counters commit with the other writes of the same moment (write-batch.ts). */
export function analyticsRepository(db: SqliteDb, batch: WriteBatch): AnalyticsRepository {
  return {
    async add(scope, summary, counters) {
      const key = {
        tenantId: scope.tenantId,
        flowId: scope.flowId,
        flowVersion: scope.version,
        source: scope.source,
        day: summary.day,
      };
      await batch.run({ rows: () => addCallRows(db, key, summary, counters) });
    },
    async days(q) {
      return db
        .select()
        .from(analyticsDays)
        .where(where(analyticsDays, q))
        .all()
        .map((r): StoredDay => ({
          version: r.flowVersion,
          source: sourceOf(r.source),
          day: r.day,
          calls: r.calls,
          delivered: r.delivered,
          handedOff: r.handedOff,
          hungUp: r.hungUp,
          failed: r.failed,
          duration: numbers(r.durationHist),
          latency: numbers(r.latencyHist),
        }));
    },
    async counters(q) {
      return db
        .select()
        .from(analyticsCounters)
        .where(where(analyticsCounters, q))
        .all()
        .map((r): StoredCounter => ({
          version: r.flowVersion,
          source: sourceOf(r.source),
          day: r.day,
          node: r.nodeId,
          metric: r.metric as NodeMetric,
          key: r.key,
          count: r.count,
        }));
    },
    async purgeBefore(day) {
      return db.transaction(
        (tx) =>
          tx.delete(analyticsDays).where(lt(analyticsDays.day, day)).run().changes +
          tx.delete(analyticsCounters).where(lt(analyticsCounters.day, day)).run().changes,
      );
    },
  };
}

interface DayKey {
  tenantId: string;
  flowId: string;
  flowVersion: number;
  source: CallSource;
  day: string;
}

/** One finished call added to its day's totals and node counters, in one transaction. */
function addCallRows(
  db: SqliteDb,
  key: DayKey,
  summary: CallSummary,
  counters: readonly NodeCounter[],
): void {
  db.transaction((tx) => {
    const row = tx
      .select()
      .from(analyticsDays)
      .where(
        and(
          eq(analyticsDays.tenantId, key.tenantId),
          eq(analyticsDays.flowId, key.flowId),
          eq(analyticsDays.flowVersion, key.flowVersion),
          eq(analyticsDays.source, key.source),
          eq(analyticsDays.day, key.day),
        ),
      )
      .get();
    const before = row
      ? { ...row, duration: numbers(row.durationHist), latency: numbers(row.latencyHist) }
      : emptyTotals();
    const t = addCall(before, summary);
    const values = {
      calls: t.calls,
      delivered: t.delivered,
      handedOff: t.handedOff,
      hungUp: t.hungUp,
      failed: t.failed,
      durationHist: JSON.stringify(t.duration),
      latencyHist: JSON.stringify(t.latency),
    };
    tx.insert(analyticsDays)
      .values({ ...key, ...values })
      .onConflictDoUpdate({
        target: [
          analyticsDays.tenantId,
          analyticsDays.flowId,
          analyticsDays.flowVersion,
          analyticsDays.source,
          analyticsDays.day,
        ],
        set: values,
      })
      .run();
    for (const c of counters) {
      tx.insert(analyticsCounters)
        .values({ ...key, nodeId: c.node, metric: c.metric, key: c.key, count: c.count })
        .onConflictDoUpdate({
          target: [
            analyticsCounters.tenantId,
            analyticsCounters.flowId,
            analyticsCounters.flowVersion,
            analyticsCounters.source,
            analyticsCounters.day,
            analyticsCounters.nodeId,
            analyticsCounters.metric,
            analyticsCounters.key,
          ],
          set: { count: sql`${analyticsCounters.count} + ${c.count}` },
        })
        .run();
    }
  });
}
