import { describe, expect, it } from 'vitest';
import { jobHandlers } from './handlers';

describe('job handlers', () => {
  it("purge this instance's in-memory analytics with the service's cutoff (whole days past the retention)", async () => {
    const cutoffs: string[] = [];
    const handlers = jobHandlers({
      records: {} as never,
      analytics: { purge: async () => 0 },
      notes: { dueDeliveries: async () => [] },
      now: () => Date.parse('2026-03-25T12:00:00Z'),
      analyticsMemory: {
        repository: {
          purgeBefore: async (day) => {
            cutoffs.push(day);
            return 2;
          },
        },
        retentionDays: 10,
      },
    });
    expect(await handlers.purgeInstanceMemory?.()).toBe(2);
    expect(cutoffs).toEqual(['2026-03-15']);
  });

  it('without in-memory analytics there is nothing per instance to purge', () => {
    const handlers = jobHandlers({
      records: {} as never,
      analytics: { purge: async () => 0 },
      notes: { dueDeliveries: async () => [] },
      now: Date.now,
    });
    expect(handlers.purgeInstanceMemory).toBeUndefined();
  });
});
