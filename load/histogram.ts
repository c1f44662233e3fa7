// A mergeable fixed-bin histogram of milliseconds (0.1 ms bins up to 60 s, then an overflow
// bin with the exact maximum): workers count millions of frame intervals without keeping
// them, ship the bins to the orchestrator, and percentiles come out of the merged counts.
const BIN_MS = 0.1;
const BINS = 600_000; // sparse: only bins in use take memory

export interface HistogramData {
  /** Sparse: bin index → count (JSON-friendly, small when values cluster). */
  readonly bins: Record<number, number>;
  readonly count: number;
  readonly max: number;
  readonly sum: number;
}

export class Histogram {
  private readonly bins = new Map<number, number>();
  count = 0;
  max = 0;
  sum = 0;

  add(ms: number): void {
    const v = Math.max(0, ms);
    const bin = Math.min(BINS, Math.floor(v / BIN_MS));
    this.bins.set(bin, (this.bins.get(bin) ?? 0) + 1);
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  merge(data: HistogramData): void {
    for (const [bin, n] of Object.entries(data.bins))
      this.bins.set(Number(bin), (this.bins.get(Number(bin)) ?? 0) + n);
    this.count += data.count;
    this.sum += data.sum;
    this.max = Math.max(this.max, data.max);
  }

  toJSON(): HistogramData {
    return { bins: Object.fromEntries(this.bins), count: this.count, max: this.max, sum: this.sum };
  }

  static from(data: HistogramData): Histogram {
    const h = new Histogram();
    h.merge(data);
    return h;
  }

  /** The value at quantile q (0–1): upper edge of the bin (max for the overflow bin); NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (const bin of [...this.bins.keys()].sort((a, b) => a - b)) {
      seen += this.bins.get(bin) ?? 0;
      if (seen >= rank) return bin >= BINS ? this.max : Math.min(this.max, (bin + 1) * BIN_MS);
    }
    return this.max;
  }

  /** How many values lie in [from, to) ms. */
  countBetween(from: number, to: number): number {
    let n = 0;
    for (const [bin, c] of this.bins) {
      const v = bin * BIN_MS;
      if (v >= from && v < to) n += c;
    }
    return n;
  }

  /** Counts per bucket of `width` ms from 0 up to `upTo` ms (the last bucket holds the rest). */
  buckets(width: number, upTo: number): { from: number; count: number }[] {
    const out = Array.from({ length: Math.ceil(upTo / width) + 1 }, (_, i) => ({
      from: i * width,
      count: 0,
    }));
    for (const [bin, n] of this.bins) {
      const i = Math.min(out.length - 1, Math.floor((bin * BIN_MS) / width));
      out[i].count += n;
    }
    return out;
  }

  summary(): { count: number; p50: number; p95: number; p99: number; max: number; mean: number } {
    const r = (x: number) => Math.round(x * 100) / 100;
    return {
      count: this.count,
      p50: r(this.quantile(0.5)),
      p95: r(this.quantile(0.95)),
      p99: r(this.quantile(0.99)),
      max: r(this.max),
      mean: r(this.count ? this.sum / this.count : Number.NaN),
    };
  }
}
