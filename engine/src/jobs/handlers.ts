// The job handlers over the assembled services: what a purge or a delivery job actually does,
// the same for both adapters.
import type { AnalyticsRepository } from '../analytics/repository';
import type { Analytics } from '../analytics/service';
import type { RecordsServices } from '../records/services';
import type { CallNoteRepository } from '../records/types';
import type { JobHandlers } from './port';
import { retentionCutoffDay } from '../analytics/service';

export function jobHandlers(deps: {
  records: Pick<RecordsServices, 'purge' | 'worker'>;
  analytics: Pick<Analytics, 'purge'>;
  /** This instance's in-memory analytics (zero-persistence flows) and their retention. */
  analyticsMemory?: { repository: Pick<AnalyticsRepository, 'purgeBefore'>; retentionDays: number };
  notes: Pick<CallNoteRepository, 'dueDeliveries'>;
  now: () => number;
}): JobHandlers {
  const memory = deps.analyticsMemory;
  return {
    purgeNotes: () => deps.records.purge(),
    purgeAnalytics: () => deps.analytics.purge(),
    // The same cutoff as Analytics.purge: whole days older than the retention.
    ...(memory
      ? {
          purgeInstanceMemory: () =>
            memory.repository.purgeBefore(retentionCutoffDay(deps.now(), memory.retentionDays)),
        }
      : {}),
    deliverNote: ({ tenantId, txId }) => deps.records.worker.deliverNote(tenantId, txId),
    dueDeliveries: (limit) => deps.notes.dueDeliveries(deps.now(), limit),
  };
}
