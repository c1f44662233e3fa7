// Calls per day as a plain SVG bar chart. Suppressed days (< 5 calls) get a grey stub and "< 5":
// their real count is never shown.
import { useTranslation } from 'react-i18next';
import type { AnalyticsDay } from '../../api';

const W = 300;
const H = 120;
const PAD = 14;

export function DayChart({ days }: { days: AnalyticsDay[] }) {
  const { t } = useTranslation();
  const max = Math.max(5, ...days.map((d) => (d.suppressed ? 0 : d.calls)));
  const slot = (W - 2) / Math.max(1, days.length);
  // A few days should not turn into one wall of blue: bars stay narrow.
  const bar = Math.max(1, Math.min(slot - 2, 28));
  return (
    <svg className="day-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('analytics.chartLabel')} data-testid="analytics-chart">
      {days.map((d, i) => {
        const calls = d.suppressed ? null : d.calls;
        if (calls === 0) return null;
        const h = calls === null ? 4 : Math.max(1, ((H - PAD) * calls) / max);
        return (
          <rect key={d.day} x={1 + i * slot} y={H - h} width={bar} height={h} className={calls === null ? 'suppressed' : 'calls'}>
            <title>{`${d.day}: ${calls === null ? t('analytics.fewer') : t('analytics.callsN', { count: calls })}`}</title>
          </rect>
        );
      })}
      <text x={2} y={10} className="axis">{max}</text>
      {days.length > 0 && (
        <text x={W - 2} y={10} className="axis" textAnchor="end">{`${days[0].day} – ${days[days.length - 1].day}`}</text>
      )}
    </svg>
  );
}
