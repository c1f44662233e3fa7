// A self-contained SVG bar chart of a latency histogram (no chart library, no fonts to load).
// Buckets grow roughly ×2 (1, 2, 5, 10, 20 … ms) so the goal (20 ms) and seconds-long tails fit
// in one picture; bar heights are linear shares of all values, labelled with their counts.
import type { Histogram } from './histogram';

export interface HistogramChart {
  readonly title: string;
  readonly histogram: Histogram;
  /** The bucket edge that is the goal (drawn red), e.g. 20. */
  readonly goalMs?: number;
}

const EDGES = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, Infinity];
const W = 760;
const H = 320;
const PAD = { left: 48, right: 16, top: 44, bottom: 56 };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const label = (ms: number) => (ms === Infinity ? '∞' : ms >= 1000 ? `${ms / 1000}s` : `${ms}`);

export function histogramSvg(chart: HistogramChart): string {
  const h = chart.histogram;
  const buckets = EDGES.slice(0, -1).map((from, i) => ({
    from,
    to: EDGES[i + 1],
    count: h.countBetween(from, EDGES[i + 1]),
  }));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const total = Math.max(1, h.count);
  const maxShare = Math.max(0.01, ...buckets.map((b) => b.count / total));
  const barW = plotW / buckets.length;
  const bars = buckets.map((b, i) => {
    const share = b.count / total;
    const bh = (share / maxShare) * plotH;
    const x = PAD.left + i * barW;
    const fill = chart.goalMs !== undefined && b.from >= chart.goalMs ? '#c0392b' : '#4a7bb7';
    return [
      `<rect x="${(x + 2).toFixed(1)}" y="${(PAD.top + plotH - bh).toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${bh.toFixed(1)}" fill="${fill}"/>`,
      `<text x="${(x + barW / 2).toFixed(1)}" y="${(PAD.top + plotH - bh - 4).toFixed(1)}" font-size="10" text-anchor="middle">${b.count}</text>`,
      `<text x="${(x + barW / 2).toFixed(1)}" y="${H - PAD.bottom + 16}" font-size="10" text-anchor="middle">${label(b.from)}–${label(b.to)}</text>`,
    ].join('');
  });
  const s = h.summary();
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${PAD.left}" y="20" font-size="14" font-weight="bold">${esc(chart.title)}</text>`,
    `<text x="${PAD.left}" y="36" font-size="11">n=${s.count} · p50 ${s.p50} ms · p95 ${s.p95} ms · p99 ${s.p99} ms · max ${s.max} ms</text>`,
    ...bars,
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="black"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${H - 12}" font-size="11" text-anchor="middle">ms per turn (bucket from–to)${chart.goalMs !== undefined ? `; red: at or above the ${chart.goalMs} ms goal` : ''}</text>`,
    '</svg>',
  ].join('\n');
}
