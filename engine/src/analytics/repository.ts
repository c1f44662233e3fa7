// Where daily aggregates live: the SQLite tables (store/sqlite/analytics.ts) for ordinary flows,
// the in-memory twin (memory.ts) for zero-persistence flows. Both keep the same shape: per
// flow version × day the call totals, and per flow version × day × node the counters.
import {
  DURATION_BOUNDS_S,
  emptyHistogram,
  LATENCY_BOUNDS_MS,
  mergeHistograms,
  observeInto,
} from './histogram';
import type { CallSummary, NodeCounter } from './summary';

/** Draft runs (designer/simulate without a version) count as version 0. */
export const DRAFT_VERSION = 0;

/** Where a call came from: a real caller on the phone, or a test call (`/simulate`, the
 *  designer's Probeanruf). Kept apart so a practice testing its flow 20 times never reads
 *  that as real traffic; the dashboard shows phone calls unless asked to include tests. */
export const CALL_SOURCES = ['phone', 'test'] as const;
export type CallSource = (typeof CALL_SOURCES)[number];

export interface AnalyticsScope {
  tenantId: string;
  flowId: string;
  version: number;
  source: CallSource;
}

export interface DayTotals {
  calls: number;
  delivered: number;
  handedOff: number;
  hungUp: number;
  failed: number;
  /** Bucket counts over DURATION_BOUNDS_S. */
  duration: number[];
  /** Bucket counts over LATENCY_BOUNDS_MS (per turn). */
  latency: number[];
}

export interface StoredDay extends DayTotals {
  version: number;
  source: CallSource;
  day: string;
}
export interface StoredCounter extends NodeCounter {
  version: number;
  source: CallSource;
  day: string;
}

export interface AnalyticsQuery {
  tenantId: string;
  flowId: string;
  /** Inclusive YYYY-MM-DD bounds. */
  from: string;
  to: string;
  /** Only these versions (all when absent). */
  versions?: readonly number[];
  /** Only these sources (all when absent). */
  sources?: readonly CallSource[];
}

export interface AnalyticsRepository {
  add(scope: AnalyticsScope, summary: CallSummary, counters: readonly NodeCounter[]): Promise<void>;
  days(q: AnalyticsQuery): Promise<StoredDay[]>;
  counters(q: AnalyticsQuery): Promise<StoredCounter[]>;
  /** Drops every aggregate of a day before `day` (YYYY-MM-DD); returns the rows removed. */
  purgeBefore(day: string): Promise<number>;
}

export function emptyTotals(): DayTotals {
  return {
    calls: 0,
    delivered: 0,
    handedOff: 0,
    hungUp: 0,
    failed: 0,
    duration: emptyHistogram(DURATION_BOUNDS_S),
    latency: emptyHistogram(LATENCY_BOUNDS_MS),
  };
}

const OUTCOME_FIELD = {
  delivered: 'delivered',
  'handed-off': 'handedOff',
  'hung-up': 'hungUp',
  failed: 'failed',
} as const;

/** The totals after one more call (a new object). */
export function addCall(t: DayTotals, s: CallSummary): DayTotals {
  const duration = [...t.duration];
  observeInto(duration, DURATION_BOUNDS_S, s.durationMs / 1000);
  const field = OUTCOME_FIELD[s.outcome];
  return {
    ...t,
    calls: t.calls + 1,
    [field]: t[field] + 1,
    duration,
    latency: mergeHistograms(t.latency, s.latency, LATENCY_BOUNDS_MS),
  };
}

export function sumTotals(a: DayTotals, b: DayTotals): DayTotals {
  return {
    calls: a.calls + b.calls,
    delivered: a.delivered + b.delivered,
    handedOff: a.handedOff + b.handedOff,
    hungUp: a.hungUp + b.hungUp,
    failed: a.failed + b.failed,
    duration: mergeHistograms(a.duration, b.duration, DURATION_BOUNDS_S),
    latency: mergeHistograms(a.latency, b.latency, LATENCY_BOUNDS_MS),
  };
}

export function inQuery(
  q: AnalyticsQuery,
  scope: { version: number; source: CallSource },
  day: string,
): boolean {
  return (
    day >= q.from &&
    day <= q.to &&
    (!q.versions || q.versions.includes(scope.version)) &&
    (!q.sources || q.sources.includes(scope.source))
  );
}
