// Fixed-bucket histograms: a day keeps bucket counts, never single calls' values, so a median
// or p90 can be answered without storing anything per call. Quantiles are reported as the upper
// bound of the bucket they fall in ("90 % of calls took at most 180 s").

/** Call duration buckets, seconds (upper bounds; one more bucket for anything longer). */
export const DURATION_BOUNDS_S = [
  10, 20, 30, 45, 60, 90, 120, 180, 240, 300, 450, 600, 900, 1800, 3600,
] as const;
/** Engine-added latency buckets, milliseconds. */
export const LATENCY_BOUNDS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

export function emptyHistogram(bounds: readonly number[]): number[] {
  return new Array<number>(bounds.length + 1).fill(0);
}

export function bucketOf(bounds: readonly number[], value: number): number {
  const i = bounds.findIndex((b) => value <= b);
  return i === -1 ? bounds.length : i;
}

export function observeInto(hist: number[], bounds: readonly number[], value: number): void {
  hist[bucketOf(bounds, value)]! += 1;
}

/** Adds `b` into a copy of `a` (missing or short arrays count as zeros). */
export function mergeHistograms(
  a: readonly number[] | undefined,
  b: readonly number[] | undefined,
  bounds: readonly number[],
): number[] {
  const out = emptyHistogram(bounds);
  for (let i = 0; i < out.length; i++) out[i] = (a?.[i] ?? 0) + (b?.[i] ?? 0);
  return out;
}

/**
 * The q-quantile (0 < q ≤ 1) as the upper bound of its bucket; null for an empty histogram.
 * Values beyond the last bound report that bound as a lower limit (`overflow: true`).
 */
export function quantile(
  hist: readonly number[],
  bounds: readonly number[],
  q: number,
): { value: number; overflow: boolean } | null {
  const total = hist.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] ?? 0;
    if (seen >= rank)
      return i < bounds.length
        ? { value: bounds[i]!, overflow: false }
        : { value: bounds[bounds.length - 1]!, overflow: true };
  }
  return { value: bounds[bounds.length - 1]!, overflow: true };
}
