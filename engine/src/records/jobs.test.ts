import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/index';
import { startRecordJobs } from './jobs';
import type { RecordsServices } from './services';

function fakeRecords(counts: { purge: number; deliver: number }, failPurge = false): RecordsServices {
  return {
    purge: async () => {
      counts.purge++;
      if (failPurge) throw new Error('disk');
      return 0;
    },
    worker: {
      runOnce: async () => {
        counts.deliver++;
        return 0;
      },
    },
  } as unknown as RecordsServices;
}

describe('record jobs', () => {
  it('purge once before the server serves, then on the interval; delivery polled; stop ends both', async () => {
    const counts = { purge: 0, deliver: 0 };
    const jobs = await startRecordJobs(fakeRecords(counts), {
      purgeIntervalMs: 50,
      deliveryIntervalMs: 50,
      logger: createLogger({ level: 'silent' }),
    });
    expect(counts.purge).toBe(1); // awaited: crashed deletions are finished before the first request
    await new Promise((r) => setTimeout(r, 180));
    expect(counts.purge).toBeGreaterThanOrEqual(2);
    expect(counts.deliver).toBeGreaterThanOrEqual(2);
    await jobs.stop();
    const after = { ...counts };
    await new Promise((r) => setTimeout(r, 120));
    expect(counts.purge).toBe(after.purge);
  });

  it('a failing purge is logged by code and does not stop the server', async () => {
    const counts = { purge: 0, deliver: 0 };
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    const jobs = await startRecordJobs(fakeRecords(counts, true), {
      purgeIntervalMs: 10_000,
      deliveryIntervalMs: 10_000,
      logger,
    });
    await jobs.stop();
    expect(lines.join('')).toContain('"event":"retention.purge"');
    expect(lines.join('')).toContain('"outcome":"error"');
  });
});
