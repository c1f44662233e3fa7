// Which Jobs adapter a server runs: pg-boss when the store is PostgreSQL (several instances share
// the work), in-process timers on SQLite. Also the delivery claim lease the records services need.
import type { AnalyticsRepository } from '../analytics/repository';
import type { Analytics } from '../analytics/service';
import type { Logger } from '../log/index';
import type { RecordsServices } from '../records/services';
import type { CallNoteRepository } from '../records/types';
import { jobHandlers } from './handlers';
import { createInProcessJobs } from './in-process';
import { createPgBossJobs } from './pg-boss';
import type { Jobs } from './port';

/**
 * PostgreSQL: a delivery claimed by an instance is its own for this long. Longer than one attempt
 * (10 s sender timeout + bookkeeping), so a live sender is never overtaken; when the sender dies,
 * another instance sends after at most this long (the receiver sees the same Idempotency-Key).
 */
export const DELIVERY_CLAIM_LEASE_MS = 30_000;

export interface JobsSetup {
  dialect: 'sqlite' | 'postgres';
  /** DATABASE_URL (postgres only). */
  databaseUrl?: string;
  records: Pick<RecordsServices, 'purge' | 'worker'>;
  analytics: Pick<Analytics, 'purge'>;
  /** PostgreSQL: this instance's in-memory analytics, purged on every instance. */
  analyticsMemory?: { repository: Pick<AnalyticsRepository, 'purgeBefore'>; retentionDays: number };
  notes: Pick<CallNoteRepository, 'dueDeliveries'>;
  now: () => number;
  logger: Logger;
  purgeIntervalMs: number;
  deliveryIntervalMs: number;
}

export function createJobs(setup: JobsSetup): Jobs {
  const { logger, purgeIntervalMs, deliveryIntervalMs } = setup;
  if (setup.dialect === 'sqlite')
    return createInProcessJobs({
      records: setup.records,
      analytics: setup.analytics,
      logger,
      purgeIntervalMs,
      deliveryIntervalMs,
    });
  if (!setup.databaseUrl) throw new Error('the pg-boss queue needs DATABASE_URL');
  return createPgBossJobs({
    url: setup.databaseUrl,
    logger,
    purgeIntervalMs,
    deliveryIntervalMs,
    handlers: jobHandlers({
      records: setup.records,
      analytics: setup.analytics,
      notes: setup.notes,
      now: setup.now,
      ...(setup.analyticsMemory ? { analyticsMemory: setup.analyticsMemory } : {}),
    }),
  });
}
