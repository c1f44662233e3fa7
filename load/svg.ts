// A self-contained SVG bar chart of a latency histogram (no chart library, no fonts to load):
// log-scaled counts per bucket, with p50/p99 markers and the 20 ms goal line.
import { Histogram } from './histogram';

export interface HistogramChart {
  readonly title: string;
  readonly histogram: Histogram;
  /** Bucket width and range in ms. */
  readonly bucketMs: number;
  readonly upToMs: number;
  /** Vertical goal line (ms). */
  readonly goalMs?: number;
}

const W = 720;
const H = 300;
const PAD = { left: 56, right: 16, top: 36, bottom: 44 };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function histogramSvg(chart: HistogramChart): string {
  const buckets = chart.histogram.buckets(chart.bucketMs, chart.upToMs);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const maxLog = Math.log10(Math.max(10, ...buckets.map((b) => b.count)) + 1);
  const x = (ms: number) => PAD.left + (Math.min(ms, chart.upToMs + chart.bucketMs) / (chart.upToMs + chart.bucketMs)) * plotW;
  const barW = plotW / buckets.length;
  const bars = buckets
    .map((b, i) => {
      const h = (Math.log10(b.count + 1) / maxLog) * plotH;
      return b.count === 0 ? '' : `<rect x="${(PAD.left + i * barW).toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${Math.max(1, barW - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#4a7bb7"><title>${b.from}–${b.from + chart.bucketMs} ms: ${b.count}</title></rect>`;
    })
    .join('');
  const s = chart.histogram.summary();
  const marker = (ms: number, label: string, color: string) =>
    Number.isFinite(ms) ? `<line x1="${x(ms).toFixed(1)}" x2="${x(ms).toFixed(1)}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="${color}" stroke-dasharray="4 3"/><text x="${(x(ms) + 3).toFixed(1)}" y="${PAD.top + 12}" fill="${color}" font-size="11">${label}</text>` : '';
  const ticks = Array.from({ length: 6 }, (_, i) => (i * chart.upToMs) / 5)
    .map((ms) => `<text x="${x(ms).toFixed(1)}" y="${H - PAD.bottom + 16}" font-size="11" text-anchor="middle">${ms}</text>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${PAD.left}" y="20" font-size="14" font-weight="bold">${esc(chart.title)}</text>`,
    `<text x="${W - PAD.right}" y="20" font-size="11" text-anchor="end">n=${s.count} p50=${s.p50} p99=${s.p99} max=${s.max} ms</text>`,
    bars,
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="black"/>`,
    ticks,
    `<text x="${PAD.left + plotW / 2}" y="${H - 8}" font-size="11" text-anchor="middle">ms (last bucket: ≥ ${chart.upToMs} ms); bar height: log(count)</text>`,
    chart.goalMs !== undefined ? marker(chart.goalMs, `goal ${chart.goalMs} ms`, '#c0392b') : '',
    marker(s.p50, 'p50', '#27ae60'),
    marker(s.p99, 'p99', '#8e44ad'),
    '</svg>',
  ].join('\n');
}
