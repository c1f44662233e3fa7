import { describe, expect, it } from 'vitest';
import { DURATION_BOUNDS_S, quantile } from './histogram';
import { buildReport } from './report';
import { addCall, emptyTotals, type CallSource, type StoredCounter, type StoredDay } from './repository';
import type { CallSummary } from './summary';
import { analyticsCsv } from './csv';

const call = (durationS: number, outcome: CallSummary['outcome'] = 'delivered'): CallSummary => ({
  day: '2026-05-04',
  outcome,
  durationMs: durationS * 1000,
  nodes: {},
});
const day = (n: number, version = 1, source: CallSource = 'phone'): StoredDay => {
  let t = emptyTotals();
  for (let i = 0; i < n; i++) t = addCall(t, call(10 * (i + 1), i === 0 ? 'hung-up' : 'delivered'));
  return { ...t, version, source, day: '2026-05-04' };
};
const entered = (count: number, version = 1, source: CallSource = 'phone'): StoredCounter => ({
  version,
  source,
  day: '2026-05-04',
  node: 'start',
  metric: 'entered',
  key: '',
  count,
});

describe('analytics report', () => {
  it('suppresses a day of 4 calls entirely and shows a day of 5', () => {
    const four = buildReport([day(4)], [entered(4)]);
    expect(four).toEqual({
      calls: 0,
      testCalls: 0,
      suppressedDays: 1,
      days: [{ day: '2026-05-04', suppressed: true }],
      nodes: [],
    });
    const five = buildReport([day(5)], [entered(5)]);
    expect(five.days[0]).toMatchObject({
      suppressed: false,
      calls: 5,
      outcomes: { delivered: 4, hungUp: 1 },
    });
    expect(five.nodes[0]).toMatchObject({ node: 'start', entered: 5 });
  });

  it('applies the threshold to each version’s day, so no filter can be subtracted from another', () => {
    // Version 1: 3 calls, version 2: 10 on the same day. "All versions" must not show 13 (13 − 10 = 3).
    const all = buildReport([day(3, 1), day(10, 2)], [entered(3, 1), entered(10, 2)]);
    expect(all).toMatchObject({
      calls: 10,
      suppressedDays: 0,
      days: [{ suppressed: false, calls: 10, partial: true }],
      nodes: [{ entered: 10 }],
    });
    expect(buildReport([day(3, 1)], [entered(3, 1)])).toMatchObject({ calls: 0, suppressedDays: 1 });
    // 3 + 2 calls of two versions: neither version reaches 5, so the day stays "< 5".
    expect(buildReport([day(3, 1), day(2, 2)], [entered(3, 1), entered(2, 2)])).toMatchObject({
      calls: 0,
      suppressedDays: 1,
      nodes: [],
    });
    expect(analyticsCsv([day(3, 1), day(10, 2)], [entered(3, 1), entered(10, 2)])).toContain(
      '2026-05-04;10;9;0;1;0;',
    );
    expect(buildReport([day(5)], []).days[0]).toMatchObject({ partial: false });
  });

  it('never lets test calls lift a day of 1–4 real callers over the threshold', () => {
    // 3 real callers + 10 test calls: the practice knows its tests, so showing 13 would expose the 3.
    const mixed = buildReport(
      [day(3, 1, 'phone'), day(10, 1, 'test')],
      [entered(3, 1, 'phone'), entered(10, 1, 'test')],
    );
    expect(mixed).toMatchObject({ calls: 0, suppressedDays: 1, nodes: [] });
    expect(analyticsCsv([day(3, 1, 'phone'), day(10, 1, 'test')], [])).toContain('2026-05-04;< 5;');
    // A day of test calls only follows the same rule on its own; 5 real + 2 tests shows all 7.
    expect(buildReport([day(4, 1, 'test')], []).suppressedDays).toBe(1);
    expect(buildReport([day(5, 1, 'test')], [entered(5, 1, 'test')])).toMatchObject({
      calls: 5,
      testCalls: 5,
      nodes: [{ entered: 5 }],
    });
    expect(buildReport([day(5, 1, 'phone'), day(2, 1, 'test')], [])).toMatchObject({
      calls: 7,
      testCalls: 2,
      suppressedDays: 0,
    });
  });

  it('reports median and p90 as the upper bound of their bucket', () => {
    const r = buildReport([day(10)], []); // 10 s … 100 s
    expect(r.days[0]).toMatchObject({ durationS: { median: 60, p90: 90 } });
    expect(quantile([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], DURATION_BOUNDS_S, 0.5)).toEqual({
      value: 3600,
      overflow: true,
    });
    expect(quantile([], DURATION_BOUNDS_S, 0.5)).toBeNull();
  });

  it('quotes CSV cells a spreadsheet would evaluate', () => {
    const csv = analyticsCsv([day(5)], [{ ...entered(5), node: '=cmd' }]);
    expect(csv.startsWith('\uFEFFTag;')).toBe(true);
    expect(csv).toContain(';"=cmd";5;');
  });
});
