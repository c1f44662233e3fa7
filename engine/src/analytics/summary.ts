// What one finished call contributes to the analytics: counters by node and a few numbers for
// the call as a whole. Counts and durations only — no text, no phone numbers, no call id and no
// time finer than the day. This is the only shape that leaves a call for the analytics.

/** Counters of one node in one call. `left` and `triggers` are keyed by flow-defined ids only. */
export interface NodeCounts {
  entered: number;
  /** How the node was left: by one of its exits as the step kind names them (nodes/<kind>.ts:
   *  `yes`/`no`/`unclear`, a branch option id or `default`, `open`/`closed`, `next`; a transfer's
   *  fallback by why: `no-answer`/`busy`/`failed`/`closed`), `human`, `silence`, `trigger:<id>`,
   *  `jump`, or how the call ended here: `completed`, `handed-off`, `hung-up`, `failed`. */
  left: Record<string, number>;
  reprompts: number;
  silences: number;
  humanRequested: number;
  triggers: Record<string, number>;
  hungUp: number;
  /** An extraction (LLM) error made the deterministic fallback take over. */
  fallbacks: number;
  /** Callers' questions answered here, by the fact that answered them (`hours.*` for opening hours). */
  answered: Record<string, number>;
  /** Callers' questions nothing could answer here („kann ich nicht sicher beantworten"). */
  unanswered: number;
}

/** The call outcomes of the dashboard (issue 10), mapped from the record's outcome. */
export type AnalyticsOutcome = 'delivered' | 'handed-off' | 'hung-up' | 'failed';

export interface CallSummary {
  /** The call's start day (YYYY-MM-DD) in the flow's time zone. */
  day: string;
  outcome: AnalyticsOutcome;
  durationMs: number;
  /** Histogram (LATENCY_BOUNDS_MS) of engine-added latency per turn, when the runtime measured it. */
  latency?: number[];
  nodes: Record<string, NodeCounts>;
}

export function emptyCounts(): NodeCounts {
  return {
    entered: 0,
    left: {},
    reprompts: 0,
    silences: 0,
    humanRequested: 0,
    triggers: {},
    hungUp: 0,
    fallbacks: 0,
    answered: {},
    unanswered: 0,
  };
}

/** One counter as stored: `metric` names the counter, `key` an exit or trigger id ('' if none). */
export interface NodeCounter {
  node: string;
  metric: NodeMetric;
  key: string;
  count: number;
}

export const NODE_METRICS = [
  'entered',
  'left',
  'reprompts',
  'silences',
  'humanRequested',
  'triggers',
  'hungUp',
  'fallbacks',
  'answered',
  'unanswered',
] as const;
export type NodeMetric = (typeof NODE_METRICS)[number];

/** Flattens a summary's node counts into counters (zeros left out). */
export function countersOf(summary: CallSummary): NodeCounter[] {
  const out: NodeCounter[] = [];
  for (const [node, c] of Object.entries(summary.nodes)) {
    for (const metric of NODE_METRICS) {
      const v = c[metric];
      if (typeof v === 'number') {
        if (v > 0) out.push({ node, metric, key: '', count: v });
      } else {
        for (const [key, count] of Object.entries(v)) if (count > 0) out.push({ node, metric, key, count });
      }
    }
  }
  return out;
}
