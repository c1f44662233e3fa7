// What the Auswertung shows: the period (last 7 / 30 / 90 days or from–to), the version (all,
// one published version, or the draft's test calls) and whether test calls (Probeanrufe) count.
// One filter for the dashboard and the canvas overlay, so both always show the same calls.
// `queryOf` is pure; the store only holds the choice.
import { create } from 'zustand';
import type { AnalyticsQuery, AnalyticsSource, AnalyticsVersion } from '../../api';

export const PERIODS = ['7', '30', '90', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export interface AnalyticsFilter {
  period: Period;
  /** YYYY-MM-DD, used when period is 'custom'. */
  from: string;
  to: string;
  /** 'all' or a published version; 'draft' only together with test calls. */
  version: 'all' | AnalyticsVersion;
  includeTests: boolean;
}

const DAY_MS = 86_400_000;
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The local calendar day of a moment (the practice's day, not UTC's). */
export function localDay(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The API query for a filter: "last 7 days" are today and the 6 days before it. A custom
 *  period with a missing or reversed day falls back to the last 30 days (never a 400). */
export function queryOf(f: AnalyticsFilter, today: string): AnalyticsQuery & { from: string; to: string } {
  const custom = f.period === 'custom' && isDay(f.from) && isDay(f.to) && f.from <= f.to;
  const days = f.period === 'custom' ? 30 : Number(f.period);
  const range = custom ? { from: f.from, to: f.to } : { from: addDays(today, 1 - days), to: today };
  const source: AnalyticsSource = f.includeTests ? 'all' : 'phone';
  const version = f.version === 'all' || (f.version === 'draft' && !f.includeTests) ? undefined : f.version;
  return { ...range, source, ...(version === undefined ? {} : { version }) };
}

interface FilterState extends AnalyticsFilter {
  /** The flow the version choice belongs to: another flow starts at "all versions". */
  flowId: string | null;
  set(patch: Partial<AnalyticsFilter>): void;
  forFlow(flowId: string): void;
}

export const useAnalyticsFilter = create<FilterState>((set, get) => ({
  period: '30',
  from: '',
  to: '',
  version: 'all',
  includeTests: false,
  flowId: null,
  set: (patch) => set(patch),
  forFlow: (flowId) => {
    if (get().flowId !== flowId) set({ flowId, version: 'all' });
  },
}));
