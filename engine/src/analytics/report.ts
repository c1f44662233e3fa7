// From stored aggregates to what the API answers: per day (calls, outcomes, median/p90 duration,
// median engine latency) and per node (counters and rates) — with the "< 5" rule: a day with
// fewer than MIN_CALLS calls is reported as suppressed, and its node counters are left out of
// the node totals, so one caller can never be singled out.
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
  calls: number;
  suppressedDays: number;
  days: DayReport[];
  nodes: NodeReport[];
}

function dayReport(day: string, t: DayTotals): DayReport {
  if (t.calls < MIN_CALLS) return { day, suppressed: true };
  return {
    day, suppressed: false, calls: t.calls,
    outcomes: { delivered: t.delivered, handedOff: t.handedOff, hungUp: t.hungUp, failed: t.failed },
    durationS: { median: quantile(t.duration, DURATION_BOUNDS_S, 0.5)?.value ?? null, p90: quantile(t.duration, DURATION_BOUNDS_S, 0.9)?.value ?? null },
    engineLatencyMs: { median: quantile(t.latency, LATENCY_BOUNDS_MS, 0.5)?.value ?? null },
  };
}

/** Day totals summed over versions (and repositories), sorted by day. */
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
  const shown = new Set([...byDay].filter(([, t]) => t.calls >= MIN_CALLS).map(([d]) => d));
  const nodes = new Map<string, NodeCounts>();
  for (const c of counters) {
    if (!shown.has(c.day)) continue;
    let n = nodes.get(c.node);
    if (!n) nodes.set(c.node, (n = emptyCounts()));
    addCounter(n, c);
  }
  return {
    calls: [...shown].reduce((s, d) => s + byDay.get(d)!.calls, 0),
    suppressedDays: byDay.size - shown.size,
    days: [...byDay].map(([day, t]) => dayReport(day, t)),
    nodes: [...nodes].sort(([a], [b]) => a.localeCompare(b)).map(([node, n]) => ({
      node, ...n, hangUpRate: rate(n.hungUp, n.entered), humanRate: rate(n.humanRequested, n.entered),
    })),
  };
}
