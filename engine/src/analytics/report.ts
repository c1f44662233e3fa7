// From stored aggregates to what the API answers: per day (calls, outcomes, median/p90 duration,
// median engine latency) and per node (counters and rates) — with the "< 5" rule: a day with
// fewer than MIN_CALLS calls is reported as suppressed, and its node counters are left out of
// the node totals, so one caller can never be singled out. Test calls never lift a day over the
// threshold: the practice knows its own test calls, so 3 real callers + 10 tests would expose
// the 3 (see isShownDay).
import { DURATION_BOUNDS_S, LATENCY_BOUNDS_MS, quantile } from './histogram';
import { emptyTotals, sumTotals, type DayTotals, type StoredCounter, type StoredDay } from './repository';
import { emptyCounts, type NodeCounts } from './summary';

export const MIN_CALLS = 5;

export type DayReport =
  | { day: string; suppressed: true }
  | {
      day: string; suppressed: false; calls: number;
      outcomes: { delivered: number; handedOff: number; hungUp: number; failed: number };
      /** Upper bounds of the histogram bucket the quantile falls in, seconds. */
      durationS: { median: number | null; p90: number | null };
      engineLatencyMs: { median: number | null };
    };

export interface NodeReport extends NodeCounts {
  node: string;
  /** hungUp / entered, humanRequested / entered (0…1); null when nobody entered. */
  hangUpRate: number | null;
  humanRate: number | null;
}

export interface AnalyticsReport {
  /** Calls on the shown days (suppressed days left out). */
  calls: number;
  /** Of those, test calls (only non-zero when the query included them). */
  testCalls: number;
  suppressedDays: number;
  days: DayReport[];
  nodes: NodeReport[];
}

function dayReport(day: string, t: DayTotals, shown: boolean): DayReport {
  if (!shown) return { day, suppressed: true };
  return {
    day, suppressed: false, calls: t.calls,
    outcomes: { delivered: t.delivered, handedOff: t.handedOff, hungUp: t.hungUp, failed: t.failed },
    durationS: { median: quantile(t.duration, DURATION_BOUNDS_S, 0.5)?.value ?? null, p90: quantile(t.duration, DURATION_BOUNDS_S, 0.9)?.value ?? null },
    engineLatencyMs: { median: quantile(t.latency, LATENCY_BOUNDS_MS, 0.5)?.value ?? null },
  };
}

/** Whether a day's figures may be shown: at least MIN_CALLS phone calls, or — a day of test
 *  calls only — at least MIN_CALLS test calls. 1–4 real callers hide the day whatever was tested. */
export function isShownDay(phoneCalls: number, testCalls: number): boolean {
  return phoneCalls >= MIN_CALLS || (phoneCalls === 0 && testCalls >= MIN_CALLS);
}

/** The days (YYYY-MM-DD) of the given rows that pass the "< 5" rule. */
export function shownDays(days: readonly StoredDay[]): Set<string> {
  const calls = new Map<string, { phone: number; test: number }>();
  for (const d of days) {
    const c = calls.get(d.day) ?? { phone: 0, test: 0 };
    c[d.source] += d.calls;
    calls.set(d.day, c);
  }
  return new Set([...calls].filter(([, c]) => isShownDay(c.phone, c.test)).map(([day]) => day));
}

/** Day totals summed over versions, sources (and repositories), sorted by day. */
export function totalsByDay(days: readonly StoredDay[]): Map<string, DayTotals> {
  const out = new Map<string, DayTotals>();
  for (const d of [...days].sort((a, b) => a.day.localeCompare(b.day))) out.set(d.day, sumTotals(out.get(d.day) ?? emptyTotals(), d));
  return out;
}

export function addCounter(c: NodeCounts, s: Pick<StoredCounter, 'metric' | 'key' | 'count'>): void {
  const v = c[s.metric];
  if (typeof v === 'number') (c[s.metric] as number) = v + s.count;
  else v[s.key] = (v[s.key] ?? 0) + s.count;
}

const rate = (n: number, of: number): number | null => (of > 0 ? Math.round((n / of) * 1000) / 1000 : null);

export function buildReport(days: readonly StoredDay[], counters: readonly StoredCounter[]): AnalyticsReport {
  const byDay = totalsByDay(days);
  const shown = shownDays(days);
  const nodes = new Map<string, NodeCounts>();
  for (const c of counters) {
    if (!shown.has(c.day)) continue;
    let n = nodes.get(c.node);
    if (!n) nodes.set(c.node, (n = emptyCounts()));
    addCounter(n, c);
  }
  return {
    calls: [...shown].reduce((s, d) => s + byDay.get(d)!.calls, 0),
    testCalls: days.filter((d) => d.source === 'test' && shown.has(d.day)).reduce((s, d) => s + d.calls, 0),
    suppressedDays: byDay.size - shown.size,
    days: [...byDay].map(([day, t]) => dayReport(day, t, shown.has(day))),
    nodes: [...nodes].sort(([a], [b]) => a.localeCompare(b)).map(([node, n]) => ({
      node, ...n, hangUpRate: rate(n.hungUp, n.entered), humanRate: rate(n.humanRequested, n.entered),
    })),
  };
}
