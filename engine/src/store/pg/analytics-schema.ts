// Flow analytics on PostgreSQL, mirroring ../sqlite/analytics-schema.ts: daily aggregates only
// (counts and bucketed durations per flow version × day, counters per flow version × day × node).
// No caller content, no call ids, no time finer than the day.
// Change this file, then run `npx drizzle-kit generate --config drizzle.pg.config.ts`.
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tenants } from './schema';

export const analyticsDays = pgTable(
  'analytics_days',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    source: text('source').notNull().default('phone'),
    day: text('day').notNull(),
    calls: integer('calls').notNull(),
    delivered: integer('delivered').notNull(),
    handedOff: integer('handed_off').notNull(),
    hungUp: integer('hung_up').notNull(),
    failed: integer('failed').notNull(),
    durationHist: text('duration_hist').notNull(),
    latencyHist: text('latency_hist').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.flowId, t.flowVersion, t.source, t.day] }),
    index('analytics_days_day').on(t.day),
  ],
);

export const analyticsCounters = pgTable(
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
    metric: text('metric').notNull(),
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
