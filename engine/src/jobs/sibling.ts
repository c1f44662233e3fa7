// The Jobs adapter of a SQLite worker that is not worker 0 (CALLFLOW_WORKERS > 1): the database
// file's single-owner work — purge, deliveries and their retries, the receipt appends and WAL
// checkpoints inside them — runs in worker 0 only (in-process.ts), so two processes never race
// for one delivery or one deletion. A note stored here is announced to worker 0 at once (its poll
// is the safety net if that message is lost); this process purges only what it alone holds, its
// in-memory analytics of zero-persistence flows.
import { startAnalyticsPurge } from '../analytics/jobs';
import type { ClusterBus } from '../cluster/bus';
import type { Logger } from '../log/index';
import type { Jobs, NoteRef } from './port';

/** The bus topic on which worker 0 hears of a note stored by a sibling. */
export const DELIVERY_QUEUED = 'delivery-queued';

export interface SiblingJobsOptions {
  bus: ClusterBus;
  /** Purges this process's in-memory analytics past their retention. */
  purgeMemory: () => Promise<number>;
  purgeIntervalMs: number;
  logger: Logger;
}

export function createSiblingJobs(opts: SiblingJobsOptions): Jobs {
  let purge: { stop(): void } | undefined;
  let draining = false;
  return {
    kind: 'sibling',
    async start() {
      purge = startAnalyticsPurge(
        { purge: opts.purgeMemory },
        { intervalMs: opts.purgeIntervalMs, logger: opts.logger },
      );
    },
    deliveryQueued(ref: NoteRef) {
      void opts.bus.ask(0, DELIVERY_QUEUED, ref).catch(() => undefined);
    },
    health: async () => (draining ? { ok: false, code: 'jobs.draining' } : { ok: true }),
    async drain() {
      draining = true;
      purge?.stop();
    },
    async close() {},
  };
}
