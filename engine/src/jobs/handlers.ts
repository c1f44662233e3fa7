// The job handlers over the assembled services: what a purge or a delivery job actually does,
// the same for both adapters.
import type { Analytics } from '../analytics/service';
import type { RecordsServices } from '../records/services';
import type { CallNoteRepository } from '../records/types';
import type { JobHandlers } from './port';

export function jobHandlers(deps: {
  records: Pick<RecordsServices, 'purge' | 'worker'>;
  analytics: Pick<Analytics, 'purge'>;
  notes: Pick<CallNoteRepository, 'dueDeliveries'>;
  now: () => number;
}): JobHandlers {
  return {
    purgeNotes: () => deps.records.purge(),
    purgeAnalytics: () => deps.analytics.purge(),
    deliverNote: ({ tenantId, txId }) => deps.records.worker.deliverNote(tenantId, txId),
    dueDeliveries: (limit) => deps.notes.dueDeliveries(deps.now(), limit),
  };
}
