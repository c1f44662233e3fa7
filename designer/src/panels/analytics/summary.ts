// Totals over the visible (not suppressed) days: outcomes, handoff rate, and the duration
// figures weighted by each day's calls (the server reports bucket bounds, not exact values,
// so a call-weighted median of medians is the honest approximation here).
import type { AnalyticsDay } from '../../api';

export interface Summary {
  outcomes: { delivered: number; handedOff: number; hungUp: number; failed: number };
  handoffRate: number | null;
  medianS: number | null;
  p90S: number | null;
}

function weightedMedian(pairs: [value: number, weight: number][]): number | null {
  const sorted = pairs.filter(([, w]) => w > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, w]) => n + w, 0);
  let acc = 0;
  for (const [v, w] of sorted) if ((acc += w) >= total / 2) return v;
  return null;
}

export function summarize(days: AnalyticsDay[]): Summary {
  const outcomes = { delivered: 0, handedOff: 0, hungUp: 0, failed: 0 };
  const med: [number, number][] = [];
  const p90: [number, number][] = [];
  let calls = 0;
  for (const d of days) {
    if (d.suppressed) continue;
    calls += d.calls;
    for (const k of Object.keys(outcomes) as (keyof typeof outcomes)[]) outcomes[k] += d.outcomes[k];
    if (d.durationS.median !== null) med.push([d.durationS.median, d.calls]);
    if (d.durationS.p90 !== null) p90.push([d.durationS.p90, d.calls]);
  }
  return {
    outcomes,
    handoffRate: calls ? outcomes.handedOff / calls : null,
    medianS: weightedMedian(med),
    p90S: weightedMedian(p90),
  };
}
