// From stored aggregates to what the API answers: per day (calls, outcomes, median/p90 duration,
// median engine latency) and per node (counters and rates) — with the "< 5" rule, applied to
// each flow version's day (a cell): a cell with fewer than MIN_CALLS calls is left out of every
// total, so one caller can never be singled out — not even by subtracting "version 2" from
// "all versions". A day none of whose cells is shown is reported as suppressed. Test calls never
// lift a cell over the threshold: the practice knows its own test calls, so 3 real callers + 10
// tests would expose the 3 (see isShownDay).
import { DURATION_BOUNDS_S, LATENCY_BOUNDS_MS, quantile } from './histogram';
import { emptyTotals, sumTotals, type DayTotals, type StoredCounter, type StoredDay } from './repository';
import { emptyCounts, type NodeCounts } from './summary';

export const MIN_CALLS = 5;

export type DayReport =
  | { day: string; suppressed: true }
  | {
      day: string;
      suppressed: false;
      calls: number;
      /** Some of the day's calls (a version with fewer than 5 that day) are left out. */
      partial: boolean;
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

function dayReport(day: string, t: DayTotals | undefined, partial: boolean): DayReport {
  if (!t) return { day, suppressed: true };
  return {
    day,
    suppressed: false,
    calls: t.calls,
    partial,
    outcomes: { delivered: t.delivered, handedOff: t.handedOff, hungUp: t.hungUp, failed: t.failed },
    durationS: {
      median: quantile(t.duration, DURATION_BOUNDS_S, 0.5)?.value ?? null,
      p90: quantile(t.duration, DURATION_BOUNDS_S, 0.9)?.value ?? null,
    },
    engineLatencyMs: { median: quantile(t.latency, LATENCY_BOUNDS_MS, 0.5)?.value ?? null },
  };
}

/** Whether a version's day may be shown: at least MIN_CALLS phone calls, or — test calls only —
 *  at least MIN_CALLS test calls. 1–4 real callers hide it whatever was tested. */
export function isShownDay(phoneCalls: number, testCalls: number): boolean {
  return phoneCalls >= MIN_CALLS || (phoneCalls === 0 && testCalls >= MIN_CALLS);
}

const cellOf = (r: { day: string; version: number }): string => `${r.day}\u0000${r.version}`;

export interface VisibleAggregates {
  /** Rows of the shown cells only. */
  days: StoredDay[];
  counters: StoredCounter[];
  /** Every day that had calls, sorted; those without any shown cell are suppressed. */
  allDays: string[];
  /** Days with a shown cell and a hidden one. */
  partialDays: Set<string>;
}

/** Applies the "< 5" rule to each (day, version) cell: the rows of hidden cells are dropped. */
export function visibleAggregates(
  days: readonly StoredDay[],
  counters: readonly StoredCounter[],
): VisibleAggregates {
  const calls = new Map<string, { phone: number; test: number }>();
  for (const d of days) {
    const c = calls.get(cellOf(d)) ?? { phone: 0, test: 0 };
    c[d.source] += d.calls;
    calls.set(cellOf(d), c);
  }
  const shown = (r: { day: string; version: number }) => {
    const c = calls.get(cellOf(r));
    return c !== undefined && isShownDay(c.phone, c.test);
  };
  const visible = days.filter(shown);
  const visibleDays = new Set(visible.map((d) => d.day));
  return {
    days: visible,
    counters: counters.filter(shown),
    allDays: [...new Set(days.map((d) => d.day))].sort(),
    partialDays: new Set(days.filter((d) => visibleDays.has(d.day) && !shown(d)).map((d) => d.day)),
  };
}

/** Day totals summed over versions, sources (and repositories), sorted by day. */
export function totalsByDay(days: readonly StoredDay[]): Map<string, DayTotals> {
  const out = new Map<string, DayTotals>();
  for (const d of [...days].sort((a, b) => a.day.localeCompare(b.day)))
    out.set(d.day, sumTotals(out.get(d.day) ?? emptyTotals(), d));
  return out;
}

export function addCounter(c: NodeCounts, s: Pick<StoredCounter, 'metric' | 'key' | 'count'>): void {
  const v = c[s.metric];
  if (typeof v === 'number') (c[s.metric] as number) = v + s.count;
  else v[s.key] = (v[s.key] ?? 0) + s.count;
}

const rate = (n: number, of: number): number | null => (of > 0 ? Math.round((n / of) * 1000) / 1000 : null);

export function buildReport(days: readonly StoredDay[], counters: readonly StoredCounter[]): AnalyticsReport {
  const v = visibleAggregates(days, counters);
  const byDay = totalsByDay(v.days);
  const nodes = new Map<string, NodeCounts>();
  for (const c of v.counters) {
    let n = nodes.get(c.node);
    if (!n) nodes.set(c.node, (n = emptyCounts()));
    addCounter(n, c);
  }
  return {
    calls: v.days.reduce((s, d) => s + d.calls, 0),
    testCalls: v.days.filter((d) => d.source === 'test').reduce((s, d) => s + d.calls, 0),
    suppressedDays: v.allDays.length - byDay.size,
    days: v.allDays.map((day) => dayReport(day, byDay.get(day), v.partialDays.has(day))),
    nodes: [...nodes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([node, n]) => ({
        node,
        ...n,
        hangUpRate: rate(n.hungUp, n.entered),
        humanRate: rate(n.humanRequested, n.entered),
      })),
  };
}
