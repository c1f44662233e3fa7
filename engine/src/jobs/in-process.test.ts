import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/index';
import { createInProcessJobs } from './in-process';

function fakes() {
  const counts = { purge: 0, deliver: 0, analytics: 0 };
  let release: (() => void) | undefined;
  let pass: Promise<number> | null = null;
  const records = {
    purge: async () => {
      counts.purge++;
      return 0;
    },
    worker: {
      // Like DeliveryWorker.runOnce: concurrent calls share the pass in progress.
      runOnce: () =>
        (pass ??= (async () => {
          counts.deliver++;
          if (counts.deliver === 2) await new Promise<void>((r) => (release = r)); // the kicked pass hangs
          return 0;
        })().finally(() => (pass = null))),
    },
  } as never;
  const analytics = {
    purge: async () => {
      counts.analytics++;
      return 0;
    },
  };
  return { counts, records, analytics, release: () => release?.() };
}

describe('in-process jobs (SQLite)', () => {
  it('purges before serving, delivers a queued note at once, drains by waiting for the running pass, then takes nothing new', async () => {
    const f = fakes();
    const jobs = createInProcessJobs({
      records: f.records,
      analytics: f.analytics,
      purgeIntervalMs: 60_000,
      deliveryIntervalMs: 60_000,
      logger: createLogger({ level: 'silent' }),
    });
    await jobs.start();
    expect(f.counts.purge).toBe(1); // crashed deletions are finished before the first request
    expect(await jobs.health()).toEqual({ ok: true });
    jobs.deliveryQueued({ tenantId: 't', txId: 'x' }); // start-up pass was #1; this kick is #2 and hangs
    await new Promise((r) => setTimeout(r, 20));
    expect(f.counts.deliver).toBe(2);
    let drained = false;
    const draining = jobs.drain(10_000).then(() => (drained = true));
    expect(await jobs.health()).toEqual({ ok: false, code: 'jobs.draining' });
    await new Promise((r) => setTimeout(r, 50));
    expect(drained).toBe(false);
    f.release();
    await draining;
    await new Promise((r) => setTimeout(r, 20));
    const after = f.counts.deliver;
    jobs.deliveryQueued({ tenantId: 't', txId: 'y' }); // stays due in the database for the next start
    await new Promise((r) => setTimeout(r, 20));
    expect(f.counts.deliver).toBe(after);
    await jobs.close();
  });

  it('a note queued while a pass is running gets a pass of its own right after (not the next poll)', async () => {
    const f = fakes();
    const jobs = createInProcessJobs({
      records: f.records,
      analytics: f.analytics,
      purgeIntervalMs: 60_000,
      deliveryIntervalMs: 60_000,
      logger: createLogger({ level: 'silent' }),
    });
    await jobs.start(); // start-up pass #1
    jobs.deliveryQueued({ tenantId: 't', txId: 'x' }); // pass #2 hangs: the next note is stored meanwhile
    await new Promise((r) => setTimeout(r, 20));
    jobs.deliveryQueued({ tenantId: 't', txId: 'y' });
    f.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(f.counts.deliver).toBeGreaterThanOrEqual(3); // a pass that began after 'y' was stored
    await jobs.drain(1000);
  });
});
