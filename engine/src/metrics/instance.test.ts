import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { busGroup } from '../../../test/harness/bus-group';
import { answerMetricsOfThisProcess, instanceMetrics } from './instance';
import { createMetrics } from './registry';

/** Two workers' registries on a bus, each answering the other's scrapes. */
function twoWorkers() {
  const group = busGroup(2);
  const workers = group.buses.map((bus) => {
    const metrics = createMetrics({ defaultMetrics: false });
    answerMetricsOfThisProcess(bus, metrics.registry);
    return { bus, metrics, scrape: () => instanceMetrics(bus, metrics.registry) };
  });
  return { group, workers };
}

const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics across worker processes', () => {
  it('one scrape on either worker counts the calls, turns and latencies of both', async () => {
    const { workers } = twoWorkers();
    const [a, b] = workers;
    a.metrics.activeCalls.inc(2);
    b.metrics.activeCalls.inc(3);
    a.metrics.turns.inc(10);
    b.metrics.turns.inc(5);
    a.metrics.turnLatency.observe(0.004);
    b.metrics.turnLatency.observe(0.04);
    b.metrics.calls.inc({ outcome: 'delivered', source: 'phone' });
    for (const w of workers) {
      const text = await w.scrape();
      expect(value(text, 'callflow_active_calls')).toBe(5);
      expect(value(text, 'callflow_turns_total')).toBe(15);
      expect(value(text, 'callflow_engine_latency_seconds_count')).toBe(2);
      expect(value(text, 'callflow_engine_latency_seconds_bucket{le="0.005"}')).toBe(1);
      expect(value(text, 'callflow_engine_latency_seconds_bucket{le="0.05"}')).toBe(2);
      expect(value(text, 'callflow_calls_total{outcome="delivered",source="phone"}')).toBe(1);
      expect(value(text, 'callflow_workers_scraped')).toBe(2);
    }
  });

  it("sums zero-persistence flows' counters, which exist only in each worker's memory", async () => {
    const { workers } = twoWorkers();
    const scope = { tenantId: 't', flowId: 'kanzlei', version: 1, zeroPersistence: true };
    const summary = { day: '2026-03-02', outcome: 'delivered', durationMs: 1000, nodes: {} } as const;
    workers[0].metrics.onRecorded(scope, summary, []);
    workers[1].metrics.onRecorded(scope, summary, []);
    workers[1].metrics.onRecorded(scope, summary, []);
    const text = await workers[0].scrape();
    expect(
      value(
        text,
        'callflow_zero_persistence_calls_total{flow_id="kanzlei",outcome="delivered",source="phone"}',
      ),
    ).toBe(3);
  });

  it('answers with what answered when a sibling is restarting', async () => {
    const { group, workers } = twoWorkers();
    workers[0].metrics.turns.inc(4);
    workers[1].metrics.turns.inc(6);
    group.silence(1);
    const text = await workers[0].scrape();
    expect(value(text, 'callflow_turns_total')).toBe(4);
    expect(value(text, 'callflow_workers_scraped')).toBe(1);
  });

  it("reports the slowest worker's event-loop lag, not an average", async () => {
    const group = busGroup(2);
    const lags = [0.002, 0.2];
    const registries = group.buses.map((bus, i) => {
      const registry = new Registry();
      for (const stat of ['p99', 'min'])
        new Gauge({
          name: `callflow_process_nodejs_eventloop_lag_${stat}_seconds`,
          help: 'lag',
          registers: [registry],
        }).set(stat === 'min' ? lags[i] / 2 : lags[i]);
      answerMetricsOfThisProcess(bus, registry);
      return registry;
    });
    const text = await instanceMetrics(group.buses[0], registries[0]);
    expect(value(text, 'callflow_process_nodejs_eventloop_lag_p99_seconds')).toBe(0.2);
    expect(value(text, 'callflow_process_nodejs_eventloop_lag_min_seconds')).toBe(0.001);
  });
});
