import { describe, expect, it } from 'vitest';
import { DAY_MS, isExpired, retentionPlan } from './retention-plan';

const at = (iso: string) => Date.parse(iso);

describe('retention plan', () => {
  it('immediate: deleted on delivery, and never kept beyond 30 days if delivery keeps failing', () => {
    const created = at('2026-03-01T10:00:00Z');
    const plan = retentionPlan({ mode: 'immediate' }, created);
    expect(plan.deleteOnDelivery).toBe(true);
    expect(plan.expiresAt - created).toBe(30 * DAY_MS);
  });

  it('ttl: expires exactly n × 24 h later, also across the spring DST change in Europe/Berlin', () => {
    // 2026-03-29 02:00 CET → 03:00 CEST: a calendar week is only 167 hours long here.
    const created = at('2026-03-25T09:30:00+01:00');
    const plan = retentionPlan({ mode: 'ttl', days: 7 }, created);
    expect(new Date(plan.expiresAt).toISOString()).toBe('2026-04-01T08:30:00.000Z'); // 10:30 CEST
    expect(isExpired(plan, plan.expiresAt - 1)).toBe(false);
    expect(isExpired(plan, plan.expiresAt)).toBe(true);
  });

  it('ttl 30 days across the autumn DST change never exceeds 30 × 24 h', () => {
    // 2026-10-25 03:00 CEST → 02:00 CET adds an hour to the calendar month.
    const created = at('2026-10-10T12:00:00+02:00');
    const plan = retentionPlan({ mode: 'ttl', days: 30 }, created);
    expect(plan.expiresAt - created).toBe(30 * DAY_MS);
  });

  it('caps settings beyond the limit at 30 days, whatever the flow says', () => {
    const created = at('2026-01-01T00:00:00Z');
    expect(retentionPlan({ mode: 'ttl', days: 365 }, created).expiresAt - created).toBe(30 * DAY_MS);
    expect(retentionPlan({ mode: 'archive' }, created).expiresAt - created).toBe(30 * DAY_MS);
    expect(retentionPlan({ mode: 'ttl', days: Number.NaN }, created).expiresAt - created).toBe(30 * DAY_MS);
    expect(retentionPlan({ mode: 'forever' } as never, created).expiresAt - created).toBe(30 * DAY_MS);
  });

  it('1 day means 24 hours', () => {
    const created = at('2026-06-01T00:00:00Z');
    expect(retentionPlan({ mode: 'ttl', days: 1 }, created).expiresAt - created).toBe(DAY_MS);
  });
});
