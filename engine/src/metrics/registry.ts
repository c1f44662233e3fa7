// Prometheus metrics (prom-client): counts and timings only — never caller content, never call
// ids or numbers. Label values are closed sets (outcomes, providers, stages) or flow-defined ids
// (flow id, node id, exit label), so cardinality is bounded by the flows themselves.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RecordedListener } from '../analytics/service';

export interface Metrics {
  registry: Registry;
  /** Voice runtime: +1 when a call starts, −1 when it ends. */
  activeCalls: Gauge;
  /** Voice runtime: one per caller turn handed to the interpreter. */
  turns: Counter;
  /**
   * Voice runtime, per answered caller turn (runtime/turn-timer.ts): the engine-added latency —
   * turn handed to the interpreter → first answer frame sent, minus provider waits — and those
   * provider waits (LLM extraction, TTS until first audio), seconds.
   */
  turnLatency: Histogram;
  turnProviderWait: Histogram;
  /**
   * Providers: errors and retries by provider and stage (stt, llm, tts, telephony). The phone
   * route feeds both from the CallSession's PII-free `onFault` / `onRetry` hooks (retries today:
   * the recognizer reopened after a fault).
   */
  providerErrors: Counter<'provider' | 'stage'>;
  providerRetries: Counter<'provider' | 'stage'>;
  /** Delivery: records handed to inbox/webhook by outcome (ok, retry, gave-up). */
  deliveries: Counter<'channel' | 'outcome'>;
  /** Purges: rows removed by kind (records, analytics). */
  purged: Counter<'kind'>;
  /** Finished calls by outcome (every flow), and their duration. */
  calls: Counter<'outcome' | 'source'>;
  callDuration: Histogram;
  /** Feeds the analytics of zero-persistence flows into /metrics (AnalyticsOptions.onRecorded). */
  onRecorded: RecordedListener;
}

/** From well under one 20 ms frame to provider-sized waits. */
const TURN_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false)
    collectDefaultMetrics({ register: registry, prefix: 'callflow_process_' });
  const registers = [registry];
  const zeroCalls = new Counter({
    name: 'callflow_zero_persistence_calls_total',
    help: 'Finished calls of zero-persistence flows (kept in memory only)',
    labelNames: ['flow_id', 'outcome', 'source'] as const,
    registers,
  });
  const zeroNodes = new Counter({
    name: 'callflow_zero_persistence_node_total',
    help: 'Node counters of zero-persistence flows (kept in memory only)',
    labelNames: ['flow_id', 'node_id', 'counter', 'key', 'source'] as const,
    registers,
  });
  const calls = new Counter({
    name: 'callflow_calls_total',
    help: 'Finished calls by outcome and source (phone | test)',
    labelNames: ['outcome', 'source'] as const,
    registers,
  });
  const callDuration = new Histogram({
    name: 'callflow_call_duration_seconds',
    help: 'Duration of phone calls',
    buckets: [10, 30, 60, 120, 180, 300, 600, 900, 1800, 3600],
    registers,
  });
  return {
    registry,
    activeCalls: new Gauge({ name: 'callflow_active_calls', help: 'Calls in progress', registers }),
    turns: new Counter({ name: 'callflow_turns_total', help: 'Caller turns handled', registers }),
    turnLatency: new Histogram({
      name: 'callflow_engine_latency_seconds',
      help: 'Engine-added latency per answered caller turn (first answer frame, minus provider waits)',
      buckets: TURN_BUCKETS,
      registers,
    }),
    turnProviderWait: new Histogram({
      name: 'callflow_turn_provider_wait_seconds',
      help: 'Provider waits within a caller turn (LLM extraction, TTS until first audio)',
      buckets: TURN_BUCKETS,
      registers,
    }),
    providerErrors: new Counter({
      name: 'callflow_provider_errors_total',
      help: 'Provider errors',
      labelNames: ['provider', 'stage'] as const,
      registers,
    }),
    providerRetries: new Counter({
      name: 'callflow_provider_retries_total',
      help: 'Provider retries',
      labelNames: ['provider', 'stage'] as const,
      registers,
    }),
    deliveries: new Counter({
      name: 'callflow_deliveries_total',
      help: 'Record deliveries',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    purged: new Counter({
      name: 'callflow_purged_total',
      help: 'Rows removed by purges',
      labelNames: ['kind'] as const,
      registers,
    }),
    calls,
    callDuration,
    onRecorded(scope, summary, counters) {
      // Test calls (/simulate, the designer's test call) are labelled apart, like the analytics'
      // source toggle, so dashboards of real callers can leave them out.
      const source = scope.source ?? 'phone';
      calls.inc({ outcome: summary.outcome, source });
      if (source === 'phone') callDuration.observe(summary.durationMs / 1000);
      if (!scope.zeroPersistence) return;
      zeroCalls.inc({ flow_id: scope.flowId, outcome: summary.outcome, source });
      for (const c of counters)
        zeroNodes.inc(
          { flow_id: scope.flowId, node_id: c.node, counter: c.metric, key: c.key, source },
          c.count,
        );
    },
  };
}
