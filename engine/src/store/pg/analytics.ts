// Analytics repository on PostgreSQL (mirrors ../sqlite/analytics.ts). Several instances finish
// calls of the same flow on the same day: the day row is created if absent and then locked
// (FOR UPDATE) before its histograms are merged, and counters add in the upsert itself.
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
import type { NodeMetric } from '../../analytics/summary';
import { analyticsCounters, analyticsDays } from './analytics-schema';
import type { PgDb } from './open';

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

export function analyticsRepository(db: PgDb): AnalyticsRepository {
  return {
    async add(scope, summary, counters) {
      const key = {
        tenantId: scope.tenantId,
        flowId: scope.flowId,
        flowVersion: scope.version,
        source: scope.source,
        day: summary.day,
      };
      const empty = emptyTotals();
      await db.transaction(async (tx) => {
        await tx
          .insert(analyticsDays)
          .values({
            ...key,
            calls: 0,
            delivered: 0,
            handedOff: 0,
            hungUp: 0,
            failed: 0,
            durationHist: JSON.stringify(empty.duration),
            latencyHist: JSON.stringify(empty.latency),
          })
          .onConflictDoNothing();
        const row = (
          await tx
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
            .for('update')
        )[0];
        const t = addCall(
          { ...row, duration: numbers(row.durationHist), latency: numbers(row.latencyHist) },
          summary,
        );
        await tx
          .update(analyticsDays)
          .set({
            calls: t.calls,
            delivered: t.delivered,
            handedOff: t.handedOff,
            hungUp: t.hungUp,
            failed: t.failed,
            durationHist: JSON.stringify(t.duration),
            latencyHist: JSON.stringify(t.latency),
          })
          .where(
            and(
              eq(analyticsDays.tenantId, key.tenantId),
              eq(analyticsDays.flowId, key.flowId),
              eq(analyticsDays.flowVersion, key.flowVersion),
              eq(analyticsDays.source, key.source),
              eq(analyticsDays.day, key.day),
            ),
          );
        for (const c of counters) {
          await tx
            .insert(analyticsCounters)
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
            });
        }
      });
    },
    async days(q) {
      return (await db.select().from(analyticsDays).where(where(analyticsDays, q))).map((r): StoredDay => ({
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
      return (await db.select().from(analyticsCounters).where(where(analyticsCounters, q))).map(
        (r): StoredCounter => ({
          version: r.flowVersion,
          source: sourceOf(r.source),
          day: r.day,
          node: r.nodeId,
          metric: r.metric as NodeMetric,
          key: r.key,
          count: r.count,
        }),
      );
    },
    async purgeBefore(day) {
      return db.transaction(
        async (tx) =>
          ((await tx.delete(analyticsDays).where(lt(analyticsDays.day, day))).rowCount ?? 0) +
          ((await tx.delete(analyticsCounters).where(lt(analyticsCounters.day, day))).rowCount ?? 0),
      );
    },
  };
}
