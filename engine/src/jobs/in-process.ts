// The SQLite adapter of the Jobs port: one process owns the database file, so the schedules are
// plain timers in this process (../records/jobs.ts for purge + delivery polling,
// ../analytics/jobs.ts for the analytics purge) and a new note's delivery starts at once here.
import type { Analytics } from '../analytics/service';
import { startAnalyticsPurge } from '../analytics/jobs';
import { errorCode, type Logger } from '../log/index';
import { startRecordJobs, type RecordJobs } from '../records/jobs';
import type { RecordsServices } from '../records/services';
import type { Jobs } from './port';

export interface InProcessJobsOptions {
  records: Pick<RecordsServices, 'purge' | 'worker'>;
  analytics: Pick<Analytics, 'purge'>;
  purgeIntervalMs: number;
  deliveryIntervalMs: number;
  logger: Logger;
}

export function createInProcessJobs(opts: InProcessJobsOptions): Jobs {
  const { records, logger } = opts;
  let recordJobs: RecordJobs | undefined;
  let analyticsPurge: { stop(): void } | undefined;
  let draining = false;
  // runOnce() shares a pass in progress, and a pass that began before the note was stored does not
  // see it. The second call starts (or shares) a pass that began after the first ended — after the
  // note was stored — so a new note never waits for the next poll.
  let again = false;
  let kicking: Promise<void> | undefined;
  const pass = () =>
    records.worker
      .runOnce()
      .catch((err: unknown) => logger.error('delivery.worker', { outcome: 'error', code: errorCode(err) }));
  const kick = async () => {
    do {
      again = false;
      await pass();
      await pass();
    } while (again && !draining);
    kicking = undefined;
  };
  return {
    kind: 'in-process',
    async start() {
      // Awaits the first purge: deletions a crash interrupted are finished before the first request.
      recordJobs = await startRecordJobs(records, {
        purgeIntervalMs: opts.purgeIntervalMs,
        deliveryIntervalMs: opts.deliveryIntervalMs,
        logger,
      });
      analyticsPurge = startAnalyticsPurge(opts.analytics, { intervalMs: opts.purgeIntervalMs, logger });
    },
    deliveryQueued() {
      // While draining the note stays due in the database; the next start delivers it.
      if (draining) return;
      again = true;
      kicking ??= kick();
    },
    health: async () => (draining ? { ok: false, code: 'jobs.draining' } : { ok: true }),
    async drain(timeoutMs) {
      draining = true;
      analyticsPurge?.stop();
      // stop() waits for a purge in progress and (up to 5 s) for a delivery pass.
      await Promise.race([recordJobs?.stop(), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    },
    async close() {},
  };
}
