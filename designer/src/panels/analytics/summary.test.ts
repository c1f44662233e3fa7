import { describe, expect, it } from 'vitest';
import type { AnalyticsDay } from '../../api';
import { summarize } from './summary';

const day = (day: string, calls: number, handedOff: number, median: number, p90: number): AnalyticsDay => ({
  day,
  suppressed: false,
  calls,
  partial: false,
  outcomes: { delivered: calls - handedOff, handedOff, hungUp: 0, failed: 0 },
  durationS: { median, p90 },
  engineLatencyMs: { median: null },
});

describe('analytics summary', () => {
  it('adds outcomes of visible days only and weights durations by calls', () => {
    const s = summarize([
      day('2026-11-24', 6, 3, 30, 60),
      { day: '2026-11-25', suppressed: true },
      day('2026-11-26', 10, 1, 60, 120),
    ]);
    expect(s.outcomes).toEqual({ delivered: 12, handedOff: 4, hungUp: 0, failed: 0 });
    expect(s.handoffRate).toBe(4 / 16);
    expect(s.medianS).toBe(60);
    expect(s.p90S).toBe(120);
  });
  it('no visible calls: no rate, no duration', () => {
    expect(summarize([{ day: '2026-11-25', suppressed: true }])).toMatchObject({
      handoffRate: null,
      medianS: null,
    });
  });
});
