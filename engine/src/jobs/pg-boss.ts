// The PostgreSQL adapter of the Jobs port: a pg-boss queue in its own schema of the main
// database. Every instance runs workers; pg-boss hands each job to one of them
// (`FOR UPDATE SKIP LOCKED`). Job data are ids only ({ tenantId, txId }), never note content.
//
//   queue               policy   key            what
//   callflow-purge      stately  'purge'        retention purge; one queued + one running at most, throttled to one per interval
//   callflow-analytics  stately  'analytics'    analytics retention purge, likewise
//   callflow-sweep      stately  'sweep'        safety net: queues a delivery job for every due note
//   callflow-delivery   short    txId           one attempt for one note; one queued job per note
//
// Exactly-once effects do not rest on the queue alone: a delivery is claimed on the note row
// (compare-and-set, see DeliveryWorker.claimLeaseMs) and a shred locks the row, so a job that
// runs twice (a retry after a crash, a sweep racing a fresh job) sends or deletes once.
import pg from 'pg';
import PgBoss from 'pg-boss';
import { errorCode, type Logger } from '../log/index';
import type { DeliveryOutcome } from '../records/delivery-worker';
import type { CheckResult, JobHandlers, Jobs, NoteRef } from './port';

export const QUEUES = {
  purge: 'callflow-purge',
  analytics: 'callflow-analytics',
  sweep: 'callflow-sweep',
  delivery: 'callflow-delivery',
} as const;

/** Concurrent delivery attempts per instance (each a worker polling the queue). */
const DELIVERY_WORKERS = 4;
/** Housekeeping workers poll rarely: a job queued here wakes the local worker at once anyway. */
const HOUSEKEEPING_POLL_SECONDS = 5;

export interface PgBossJobsOptions {
  url: string;
  /** Schema for pg-boss's tables (tests: one per test). */
  schema?: string;
  handlers: JobHandlers;
  logger: Logger;
  purgeIntervalMs: number;
  deliveryIntervalMs: number;
  /** How often idle workers look for jobs; a job queued here wakes a local worker at once. */
  pollingIntervalSeconds?: number;
  /** Seconds before a job held by a vanished instance is given to another one (pg-boss expiry). */
  expireInSeconds?: number;
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));
/** Arbitrary constant: instances starting together create the queues one after another. */
const QUEUE_SETUP_LOCK = 7_300_912;

/** pg-boss's createQueue deadlocks when two instances run it at once; a session lock orders them. */
async function serialised(url: string, work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
    await work();
  } finally {
    await client.end().catch(() => undefined); // ending the session releases the lock
  }
}

export function createPgBossJobs(opts: PgBossJobsOptions): Jobs {
  const { handlers, logger } = opts;
  const boss = new PgBoss({
    connectionString: opts.url,
    schema: opts.schema ?? 'callflow_jobs',
    max: 4,
    application_name: 'callflow-jobs',
    schedule: false, // our schedules are throttled sends (sub-minute intervals); no cron needed
    maintenanceIntervalSeconds: 30,
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 2,
  });
  boss.on('error', (err) => logger.error('jobs.queue', { outcome: 'error', code: errorCode(err) }));
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  const deliveryWorkers: string[] = [];
  const housekeeping = new Map<string, string>();
  let nextWorker = 0;
  let state: 'new' | 'started' | 'draining' | 'closed' = 'new';
  let bossStarted = false;
  const polling = opts.pollingIntervalSeconds ?? 1;

  /** Tracks a handler so drain() can wait for it; failures go back to pg-boss (retry). */
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    return work.finally(() => running.delete(work));
  };
  const queueDelivery = async (ref: NoteRef, startAfter?: number) => {
    const id = await boss.send(QUEUES.delivery, ref, {
      singletonKey: ref.txId,
      ...(startAfter ? { startAfter: new Date(startAfter) } : {}),
    });
    // Wake a local worker instead of waiting for its next poll — unless we are leaving.
    if (id && state === 'started') boss.notifyWorker(deliveryWorkers[nextWorker++ % deliveryWorkers.length]);
  };
  const throttled = (queue: string, key: string, intervalMs: number) =>
    boss
      .send(queue, {}, { singletonKey: key, singletonSeconds: seconds(intervalMs) })
      .then((id) => {
        if (id && state === 'started') boss.notifyWorker(housekeeping.get(queue) ?? '');
      })
      .catch((err: unknown) => logger.error('jobs.schedule', { outcome: 'error', code: errorCode(err) }));

  const afterAttempt = async (ref: NoteRef, outcome: DeliveryOutcome) => {
    if (outcome.kind === 'retry' || outcome.kind === 'not-due') await queueDelivery(ref, outcome.at);
  };

  async function createQueues(): Promise<void> {
    const queue = {
      retryLimit: 5,
      retryDelay: 10,
      retryBackoff: true,
      expireInSeconds: opts.expireInSeconds ?? 300,
    };
    await boss.createQueue(QUEUES.purge, { name: QUEUES.purge, policy: 'stately', ...queue, retryLimit: 0 });
    await boss.createQueue(QUEUES.analytics, {
      name: QUEUES.analytics,
      policy: 'stately',
      ...queue,
      retryLimit: 0,
    });
    await boss.createQueue(QUEUES.sweep, {
      name: QUEUES.sweep,
      policy: 'stately',
      ...queue,
      retryLimit: 0,
      expireInSeconds: 60,
    });
    // A webhook attempt takes at most 10 s (sender timeout); a minute means the holder is gone.
    await boss.createQueue(QUEUES.delivery, {
      name: QUEUES.delivery,
      policy: 'short',
      ...queue,
      expireInSeconds: opts.expireInSeconds ?? 60,
    });
  }

  async function startWorkers(): Promise<void> {
    const one = { batchSize: 1, pollingIntervalSeconds: polling };
    const rare = { batchSize: 1, pollingIntervalSeconds: Math.max(polling, HOUSEKEEPING_POLL_SECONDS) };
    housekeeping.set(QUEUES.purge, await boss.work(QUEUES.purge, rare, () => tracked(handlers.purgeNotes())));
    housekeeping.set(
      QUEUES.analytics,
      await boss.work(QUEUES.analytics, rare, () => tracked(handlers.purgeAnalytics())),
    );
    housekeeping.set(
      QUEUES.sweep,
      await boss.work(QUEUES.sweep, rare, () =>
        tracked(
          (async () => {
            for (const ref of await handlers.dueDeliveries(500))
              await queueDelivery({ tenantId: ref.tenantId, txId: ref.txId });
          })(),
        ),
      ),
    );
    for (let i = 0; i < DELIVERY_WORKERS; i++) {
      deliveryWorkers.push(
        await boss.work<NoteRef>(QUEUES.delivery, one, ([job]) =>
          tracked(
            (async () => {
              const ref = { tenantId: job.data.tenantId, txId: job.data.txId };
              await afterAttempt(ref, await handlers.deliverNote(ref));
            })(),
          ),
        ),
      );
    }
  }

  return {
    kind: 'pg-boss',
    async start() {
      bossStarted = true;
      await boss.start();
      await serialised(opts.url, createQueues);
      state = 'started';
      await startWorkers();
      // At start: a purge (finishes deletions a crash interrupted) and a sweep — unless one already
      // ran in this interval somewhere in the cluster; then the next interval's does it.
      await throttled(QUEUES.purge, 'purge', opts.purgeIntervalMs);
      await throttled(QUEUES.analytics, 'analytics', opts.purgeIntervalMs);
      await throttled(QUEUES.sweep, 'sweep', opts.deliveryIntervalMs);
      const local = () =>
        void handlers
          .purgeInstanceMemory?.()
          .catch((err: unknown) =>
            logger.error('analytics.purge', { outcome: 'error', code: errorCode(err) }),
          );
      timers.push(
        setInterval(() => {
          void throttled(QUEUES.purge, 'purge', opts.purgeIntervalMs);
          void throttled(QUEUES.analytics, 'analytics', opts.purgeIntervalMs);
          local();
        }, opts.purgeIntervalMs),
        setInterval(
          () => void throttled(QUEUES.sweep, 'sweep', opts.deliveryIntervalMs),
          opts.deliveryIntervalMs,
        ),
      );
      for (const t of timers) t.unref();
    },
    deliveryQueued(ref) {
      if (state === 'new' || state === 'closed') return; // the sweep finds the note
      void queueDelivery(ref).catch((err: unknown) =>
        logger.error('jobs.queue', { outcome: 'error', code: errorCode(err), txId: ref.txId }),
      );
    },
    async health(): Promise<CheckResult> {
      if (state !== 'started')
        return { ok: false, code: state === 'draining' ? 'jobs.draining' : 'jobs.stopped' };
      try {
        await boss.getDb().executeSql('SELECT 1', []);
        return { ok: true };
      } catch {
        return { ok: false, code: 'jobs.unreachable' };
      }
    },
    async drain(timeoutMs) {
      if (state !== 'started') return;
      state = 'draining';
      for (const t of timers) clearInterval(t);
      // Workers stop fetching at once: no job is handed to this instance any more.
      for (const q of Object.values(QUEUES)) await boss.offWork(q);
      const deadline = new Promise((r) => setTimeout(r, timeoutMs).unref());
      while (running.size > 0)
        if ((await Promise.race([Promise.allSettled([...running]).then(() => 'done'), deadline])) !== 'done')
          break;
    },
    async close() {
      if (state === 'closed') return;
      state = 'closed';
      if (!bossStarted) return;
      for (const t of timers) clearInterval(t);
      // Jobs still running after the drain are failed back to the queue (retried elsewhere).
      await boss.stop({ graceful: true, wait: true, timeout: 1000 });
    },
  };
}
