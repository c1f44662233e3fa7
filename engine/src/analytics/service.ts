// The analytics service: the AnalyticsRecorder port the runtime and /simulate call when a call
// ends, the queries behind the API, and the retention purge. The storage rule lives here and
// only here: zero-persistence flows → memory only; every other flow → the store's tables.
import { memoryAnalyticsRepository } from './memory';
import {
  DRAFT_VERSION,
  type AnalyticsQuery,
  type CallSource,
  type AnalyticsRepository,
  type AnalyticsScope,
  type StoredCounter,
  type StoredDay,
} from './repository';
import { countersOf, type CallSummary, type NodeCounter } from './summary';

/** Default analytics retention: 13 months (issue 10). */
export const DEFAULT_ANALYTICS_RETENTION_DAYS = 396;
const DAY_MS = 86_400_000;

/** The first day kept: whole days older than the retention go (the store's rows and each process's memory). */
export function retentionCutoffDay(now: number, retentionDays: number): string {
  return new Date(now - retentionDays * DAY_MS).toISOString().slice(0, 10);
}

export interface CallScope {
  tenantId: string;
  flowId: string;
  /** Published version, or null for the draft. */
  version: number | null;
  zeroPersistence: boolean;
  /** 'test' for /simulate and the designer's test call; phone calls (the default) leave it out. */
  source?: CallSource;
}

/** The port: called once per finished call with the observer's summary. */
export interface AnalyticsRecorder {
  recordCall(scope: CallScope, summary: CallSummary): Promise<void>;
}

/** Told about every recorded call (e.g. /metrics counts the zero-persistence ones). */
export type RecordedListener = (
  scope: CallScope,
  summary: CallSummary,
  counters: readonly NodeCounter[],
) => void;

export interface Analytics extends AnalyticsRecorder {
  days(q: AnalyticsQuery): Promise<StoredDay[]>;
  counters(q: AnalyticsQuery): Promise<StoredCounter[]>;
  /** Drops aggregates older than the retention (stored and in memory); returns rows removed. */
  purge(): Promise<number>;
}

export interface AnalyticsOptions {
  /** The store's tables; without them every flow's analytics stay in memory. */
  stored?: AnalyticsRepository;
  now: () => number;
  retentionDays?: number;
  onRecorded?: RecordedListener;
}

export function createAnalytics(
  opts: AnalyticsOptions,
): Analytics & { memory: ReturnType<typeof memoryAnalyticsRepository> } {
  const memory = memoryAnalyticsRepository();
  const retentionDays = opts.retentionDays ?? DEFAULT_ANALYTICS_RETENTION_DAYS;
  const both = (): AnalyticsRepository[] => (opts.stored ? [opts.stored, memory] : [memory]);
  return {
    memory,
    async recordCall(scope, summary) {
      const counters = countersOf(summary);
      // A draft can only be run as a test call, whatever the caller of recordCall says.
      const version = scope.version ?? DRAFT_VERSION;
      const source: CallSource = version === DRAFT_VERSION ? 'test' : (scope.source ?? 'phone');
      const target: AnalyticsScope = { tenantId: scope.tenantId, flowId: scope.flowId, version, source };
      await (scope.zeroPersistence || !opts.stored ? memory : opts.stored).add(target, summary, counters);
      opts.onRecorded?.(scope, summary, counters);
    },
    async days(q) {
      return (await Promise.all(both().map((r) => r.days(q)))).flat();
    },
    async counters(q) {
      return (await Promise.all(both().map((r) => r.counters(q)))).flat();
    },
    async purge() {
      const cutoff = retentionCutoffDay(opts.now(), retentionDays);
      return (await Promise.all(both().map((r) => r.purgeBefore(cutoff)))).reduce((a, b) => a + b, 0);
    },
  };
}

/** CALLFLOW_ANALYTICS_RETENTION_DAYS (whole days ≥ 1), else the 13-month default. */
export function analyticsRetentionDays(env: Record<string, string | undefined>): number {
  const n = Number(env.CALLFLOW_ANALYTICS_RETENTION_DAYS);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_ANALYTICS_RETENTION_DAYS;
}
