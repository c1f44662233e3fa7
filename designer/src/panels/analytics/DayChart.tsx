// Calls per day as a plain SVG bar chart over the whole period (the server lists only days with
// calls; a day without any stays empty at its place). Suppressed days (< 5 calls) get a grey
// stub and "< 5": their real count is never shown.
import { useTranslation } from 'react-i18next';
import type { AnalyticsDay } from '../../api';

const W = 300;
const H = 120;
const PAD = 14;
const DAY_MS = 86_400_000;
const dayIndex = (from: string, day: string) =>
  Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function DayChart({ days, from, to }: { days: AnalyticsDay[]; from: string; to: string }) {
  const { t } = useTranslation();
  const max = Math.max(5, ...days.map((d) => (d.suppressed ? 0 : d.calls)));
  const slot = (W - 2) / Math.max(1, dayIndex(from, to) + 1);
  // A few days should not turn into one wall of blue: bars stay narrow.
  const bar = Math.max(1, Math.min(slot - 1, 28));
  return (
    <svg
      className="day-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('analytics.chartLabel')}
      data-testid="analytics-chart"
    >
      {days.map((d) => {
        const calls = d.suppressed ? null : d.calls;
        if (calls === 0) return null;
        const h = calls === null ? 4 : Math.max(1, ((H - PAD) * calls) / max);
        return (
          <rect
            key={d.day}
            x={1 + dayIndex(from, d.day) * slot}
            y={H - h}
            width={bar}
            height={h}
            className={calls === null ? 'suppressed' : 'calls'}
          >
            <title>{`${d.day}: ${calls === null ? t('analytics.fewer') : t('analytics.callsN', { count: calls })}`}</title>
          </rect>
        );
      })}
      <text x={2} y={10} className="axis">
        {max}
      </text>
      <text x={W - 2} y={10} className="axis" textAnchor="end">{`${from} – ${to}`}</text>
    </svg>
  );
}
