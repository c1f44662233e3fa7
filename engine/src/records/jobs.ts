// The in-process schedules of the privacy core (the SQLite adapter of the Jobs port, ../jobs/):
// the retention purge (once at start — which also finishes deletions a crash interrupted — then
// every interval) and the webhook delivery worker (polled; new notes kick it at once through the
// store sink). Timers are unref'd so they never hold a stopping process open; `stop()` waits for
// a pass in progress.
import { errorCode, type Logger } from '../log/index';
import type { RecordsServices } from './services';

export interface RecordJobs {
  stop(): Promise<void>;
}

export async function startRecordJobs(
  records: Pick<RecordsServices, 'purge' | 'worker'>,
  opts: { purgeIntervalMs: number; deliveryIntervalMs: number; logger: Logger },
): Promise<RecordJobs> {
  const { logger } = opts;
  let purging: Promise<unknown> = Promise.resolve();
  const purge = () => {
    purging = purging
      .then(() => records.purge())
      .catch((err: unknown) => logger.error('retention.purge', { outcome: 'error', code: errorCode(err) }));
    return purging;
  };
  const deliver = () =>
    records.worker
      .runOnce()
      .catch((err: unknown) => logger.error('delivery.worker', { outcome: 'error', code: errorCode(err) }));
  await purge();
  void deliver();
  const timers = [
    setInterval(() => void purge(), opts.purgeIntervalMs),
    setInterval(() => void deliver(), opts.deliveryIntervalMs),
  ];
  for (const t of timers) t.unref();
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await purging;
      // Let a delivery pass in progress finish its bookkeeping, but never hold shutdown for long.
      await Promise.race([deliver(), new Promise((r) => setTimeout(r, 5_000).unref())]);
    },
  };
}
