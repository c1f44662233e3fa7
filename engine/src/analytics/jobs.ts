// The analytics retention purge on SQLite (in-process adapter of the Jobs port, ../jobs/): once at
// start, then on the purge interval. On PostgreSQL a pg-boss job does the same on one instance.
// A failure is logged by code and retried next time; it never stops the server.
import { errorCode, type Logger } from '../log/index';
import type { Analytics } from './service';

export function startAnalyticsPurge(
  analytics: Pick<Analytics, 'purge'>,
  opts: { intervalMs: number; logger: Logger; onPurged?: (rows: number) => void },
): { stop(): void } {
  const run = () =>
    analytics
      .purge()
      .then((rows) => {
        opts.onPurged?.(rows);
        if (rows > 0) opts.logger.info('analytics.purge', { count: rows });
      })
      .catch((err: unknown) => opts.logger.error('analytics.purge', { code: errorCode(err) }));
  void run();
  const timer = setInterval(() => void run(), opts.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
