// Comparing two published versions, per step: how many calls reached it, and of those how many
// hung up there, asked for a human, and how often the question had to be repeated. Pure.
// The server already leaves days under 5 calls out of the node totals, so every number here
// comes from shown days only; on top of that a rate needs MIN_REACHED callers at the step —
// below that the comparison says "too few calls" instead of a percentage that means nothing.
import type { AnalyticsNode, AnalyticsReport } from '../../api';

/** Callers a step needs in a version before its rates are compared. */
export const MIN_REACHED = 5;

export const COMPARE_METRICS = ['reached', 'hungUp', 'human', 'reprompts'] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];

/** reached: share of the version's calls; hungUp/human: share of those who reached the step;
 *  reprompts: repeats per caller who reached the step. null = not enough data. */
export type StepRates = Record<CompareMetric, number | null> & { entered: number };

export interface StepComparison {
  node: string;
  a: StepRates;
  b: StepRates;
  /** b − a per metric (null when either side has no rate). */
  change: Record<CompareMetric, number | null>;
}

export interface VersionComparison {
  /** Calls of each version on shown days; 0 = nothing to compare for that version. */
  callsA: number;
  callsB: number;
  steps: StepComparison[];
}

function ratesOf(n: AnalyticsNode | undefined, calls: number): StepRates {
  const entered = n?.entered ?? 0;
  const enough = entered >= MIN_REACHED;
  const of = (x: number) => (enough ? x / entered : null);
  return {
    entered,
    reached: calls > 0 ? entered / calls : null,
    hungUp: n ? of(n.hungUp) : null,
    human: n ? of(n.humanRequested) : null,
    reprompts: n ? of(n.reprompts) : null,
  };
}

/** Steps in the order given (e.g. the canvas order), then any the flow no longer has. */
function stepOrder(a: AnalyticsReport, b: AnalyticsReport, order: readonly string[]): string[] {
  const seen = new Set([...a.nodes, ...b.nodes].map((n) => n.node));
  return [...order.filter((id) => seen.has(id)), ...[...seen].filter((id) => !order.includes(id)).sort()];
}

export function compareVersions(
  a: AnalyticsReport,
  b: AnalyticsReport,
  order: readonly string[] = [],
): VersionComparison {
  const byId = (r: AnalyticsReport) => new Map(r.nodes.map((n) => [n.node, n]));
  const na = byId(a);
  const nb = byId(b);
  const steps = stepOrder(a, b, order).map((node): StepComparison => {
    const ra = ratesOf(na.get(node), a.calls);
    const rb = ratesOf(nb.get(node), b.calls);
    const change = Object.fromEntries(
      COMPARE_METRICS.map((m) => [m, ra[m] === null || rb[m] === null ? null : rb[m]! - ra[m]!]),
    ) as Record<CompareMetric, number | null>;
    return { node, a: ra, b: rb, change };
  });
  return { callsA: a.calls, callsB: b.calls, steps };
}
