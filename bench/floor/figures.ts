// The floor benchmark's arithmetic, pure: from the callers' frame counts (100 ms buckets), the
// server's CPU samples and the calls' speaking times, the CPU per inbound and per outbound frame.
// Listening window (only inbound frames): µs per inbound frame = CPU / frames. Speaking window
// (both directions): what the inbound frames cost at that rate is taken off, the rest is the
// outbound frames'. Windows are cut on bucket boundaries, CPU is interpolated at the same times.
import { BUCKET_MS, type CallersResult } from './callers';

export interface CpuSample {
  /** Epoch ms. */
  readonly at: number;
  readonly cpuSeconds: number;
}

export interface Window {
  readonly from: number;
  readonly to: number;
}

export interface FrameFigures {
  readonly listen: Window & { readonly inbound: number; readonly cpuMs: number };
  readonly speak: Window & { readonly inbound: number; readonly outbound: number; readonly cpuMs: number };
  readonly inboundUs: number;
  readonly outboundUs: number;
}

/** Margin after the last call began to speak / before the first one stopped, and after all stopped. */
const EDGE_MS = 300;
const SETTLE_MS = 1000;

export function cpuAt(samples: readonly CpuSample[], at: number): number {
  const i = samples.findIndex((s) => s.at >= at);
  if (i < 0) return samples[samples.length - 1]?.cpuSeconds ?? 0;
  if (i === 0) return samples[0].cpuSeconds;
  const a = samples[i - 1];
  const b = samples[i];
  return a.cpuSeconds + ((b.cpuSeconds - a.cpuSeconds) * (at - a.at)) / (b.at - a.at);
}

export function countIn(buckets: Readonly<Record<number, number>>, w: Window): number {
  let n = 0;
  for (let b = w.from / BUCKET_MS; b < w.to / BUCKET_MS; b++) n += buckets[b] ?? 0;
  return n;
}

const up = (ms: number) => Math.ceil(ms / BUCKET_MS) * BUCKET_MS;
const down = (ms: number) => Math.floor(ms / BUCKET_MS) * BUCKET_MS;

/**
 * The speaking window: every call is playing (after the last one began, before the first one
 * ended); the listening window: from a second after the last one ended to `listenUntil`.
 */
export function windows(callers: CallersResult, listenUntil: number): { speak: Window; listen: Window } {
  const heard = callers.media.filter((m) => m.first > 0);
  const lastBegan = Math.max(...heard.map((m) => m.first));
  const firstEnded = Math.min(...heard.map((m) => m.last));
  const lastEnded = Math.max(...heard.map((m) => m.last));
  return {
    speak: { from: up(lastBegan + EDGE_MS), to: down(firstEnded - EDGE_MS) },
    listen: { from: up(lastEnded + SETTLE_MS), to: down(listenUntil) },
  };
}

export function frameFigures(
  callers: CallersResult,
  samples: readonly CpuSample[],
  listenUntil: number,
): FrameFigures {
  const w = windows(callers, listenUntil);
  const cpuMs = (x: Window) => (cpuAt(samples, x.to) - cpuAt(samples, x.from)) * 1000;
  const listen = { ...w.listen, inbound: countIn(callers.sent, w.listen), cpuMs: cpuMs(w.listen) };
  const speak = {
    ...w.speak,
    inbound: countIn(callers.sent, w.speak),
    outbound: countIn(callers.received, w.speak),
    cpuMs: cpuMs(w.speak),
  };
  const inboundUs = listen.inbound > 0 ? (listen.cpuMs * 1000) / listen.inbound : NaN;
  const outboundUs =
    speak.outbound > 0 ? (speak.cpuMs * 1000 - inboundUs * speak.inbound) / speak.outbound : NaN;
  return { listen, speak, inboundUs, outboundUs };
}
