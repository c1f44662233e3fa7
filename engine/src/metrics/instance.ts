// One scrape = the whole instance. With several worker processes each has its own registry; the
// worker a scrape lands on asks its siblings for theirs (as JSON) and answers the aggregate, so
// Prometheus needs no per-worker targets. A sibling that does not answer in time (restarting) is
// left out — the scrape still answers, and `callflow_workers_scraped` says how many processes
// it covers. How the values combine: counters, histograms and gauges (active calls, RSS, heap,
// open handles) sum — the instance's totals; prom-client's own rules for its process metrics
// (start time omitted, Node version the first); the event-loop lag is the worst worker's (max;
// its minimum the least), since a caller on the slowest process hears that lag, not an average.
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { ClusterBus } from '../cluster/bus';

/** The bus topic: "your registry, as JSON". */
export const METRICS_TOPIC = 'metrics.registry';
/** A scrape waits this long for siblings; Prometheus' default scrape timeout is 10 s. */
const SIBLING_TIMEOUT_MS = 3_000;

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** This process answers its siblings' scrapes with its registry. */
export function answerMetricsOfThisProcess(bus: ClusterBus, registry: Registry): void {
  bus.answer(METRICS_TOPIC, () => registry.getMetricsAsJSON());
}

/** The Prometheus text of every process that answered, aggregated. */
export async function instanceMetrics(bus: ClusterBus, registry: Registry): Promise<string> {
  const [own, siblings] = await Promise.all([
    registry.getMetricsAsJSON(),
    bus.askOthers<MetricsJson>(METRICS_TOPIC, null, SIBLING_TIMEOUT_MS),
  ]);
  const all = [own, ...siblings].map((metrics) => metrics.map(withInstanceAggregator));
  const scraped = {
    name: 'callflow_workers_scraped',
    help: 'Worker processes whose metrics this scrape includes (a restarting one is left out)',
    type: 'gauge',
    aggregator: 'sum',
    values: [{ value: 1, labels: {} }],
  };
  return AggregatorRegistry.aggregate([...all, ...all.map(() => [scraped])] as MetricsJson[]).metrics();
}

const LAG = /_eventloop_lag_(?<stat>[a-z0-9]+)_seconds$/;

function withInstanceAggregator<M extends { name: string; aggregator: string }>(metric: M): M {
  const stat = LAG.exec(metric.name)?.groups?.stat;
  if (stat === undefined) return metric;
  return { ...metric, aggregator: stat === 'min' ? 'min' : 'max' };
}
