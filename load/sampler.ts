// Resource sampling of the run's processes from /proc (Linux): CPU time (utime+stime, clock
// ticks) and resident memory per pid, plus the machine's load average — the machine is shared,
// so every figure is published next to the load it was measured under. And a tiny reader of
// the server's Prometheus text.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface ProcSample {
  /** CPU seconds used so far (user + system). */
  readonly cpuSeconds: number;
  readonly rssBytes: number;
}

export function readProc(pid: number | undefined): ProcSample | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { cpuSeconds, rssBytes: rssKb * 1024 };
  } catch {
    return undefined; // the process is gone
  }
}

/**
 * A process with its children (the server's worker processes with CALLFLOW_WORKERS > 1): CPU and
 * RSS summed over the primary and every process whose parent it is.
 */
export function readProcTree(pid: number | undefined): ProcSample | undefined {
  const root = readProc(pid);
  if (!root || !pid) return root;
  let { cpuSeconds, rssBytes } = root;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid) continue;
    } catch {
      continue; // gone while we looked
    }
    const child = readProc(Number(entry));
    if (!child) continue;
    cpuSeconds += child.cpuSeconds;
    rssBytes += child.rssBytes;
  }
  return { cpuSeconds, rssBytes };
}

/** 1-minute load average. */
export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

/** CPU use as % of one core between two samples. */
export function cpuPercent(a: ProcSample | undefined, b: ProcSample | undefined, seconds: number): number {
  if (!a || !b || seconds <= 0) return Number.NaN;
  return Math.round(((b.cpuSeconds - a.cpuSeconds) / seconds) * 1000) / 10;
}

/** Sums of a metric's samples by label set, from Prometheus text: name{labels} value. */
export function metricValues(text: string, name: string): { labels: string; value: number }[] {
  const out: { labels: string; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m && m[1] === name) out.push({ labels: m[2] ?? '', value: Number(m[3]) });
  }
  return out;
}

export function metricSum(text: string, name: string): number {
  return metricValues(text, name).reduce((a, v) => a + v.value, 0);
}

export async function scrapeMetrics(serverUrl: string): Promise<string> {
  try {
    const res = await fetch(`${serverUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}
