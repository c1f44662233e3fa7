// Tables of the flow analytics (issue 10): daily aggregates only — counts and bucketed
// durations per flow version × day, and counters per flow version × day × node. No caller
// content, no call ids, no time finer than the day. Zero-persistence flows never reach these
// tables (their aggregates stay in memory). Rows older than the operator's analytics retention
// are dropped by the purge (CALLFLOW_ANALYTICS_RETENTION_DAYS).
// Change this file, then run `npx drizzle-kit generate` to write a new migration.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tenants } from './schema';

export const analyticsDays = sqliteTable(
  'analytics_days',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: text('flow_id').notNull(),
    /** Published version; 0 = the draft (test calls). */
    flowVersion: integer('flow_version').notNull(),
    /** 'phone' or 'test' (analytics/repository.ts CallSource); rows from before the column are phone
     *  calls, except the draft's (version 0), which the migration marks as 'test'. */
    source: text('source').notNull().default('phone'),
    /** YYYY-MM-DD in the flow's time zone. */
    day: text('day').notNull(),
    calls: integer('calls').notNull(),
    delivered: integer('delivered').notNull(),
    handedOff: integer('handed_off').notNull(),
    hungUp: integer('hung_up').notNull(),
    failed: integer('failed').notNull(),
    /** JSON array of bucket counts (analytics/histogram.ts DURATION_BOUNDS_S). */
    durationHist: text('duration_hist').notNull(),
    /** JSON array of bucket counts (LATENCY_BOUNDS_MS). */
    latencyHist: text('latency_hist').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.flowId, t.flowVersion, t.source, t.day] }),
    index('analytics_days_day').on(t.day),
  ],
);

export const analyticsCounters = sqliteTable(
  'analytics_counters',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    source: text('source').notNull().default('phone'),
    day: text('day').notNull(),
    nodeId: text('node_id').notNull(),
    /** entered, left, reprompts, silences, humanRequested, triggers, hungUp, fallbacks */
    metric: text('metric').notNull(),
    /** Exit label or trigger id (flow-defined); '' when the metric has none. */
    key: text('key').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.tenantId, t.flowId, t.flowVersion, t.source, t.day, t.nodeId, t.metric, t.key],
    }),
    index('analytics_counters_day').on(t.day),
  ],
);
