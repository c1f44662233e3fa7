// A process's own event-loop delay, for the load run's report: when a caller or fake process is
// late, the latency it measures or causes is its own, not the engine's.
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Event-loop delay p99 and max since the meter started, in ms. */
export interface Lag {
  readonly p99: number;
  readonly max: number;
}

/** Starts measuring this process's event-loop delay; the returned function reads it. */
export function loopDelayMeter(): () => Lag {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return () => ({ p99: ms(delay.percentile(99)), max: ms(delay.max) });
}
