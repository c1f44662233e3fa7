// The Auswertung tab: per-flow aggregates (no caller data), the CSV export and the switch for
// the canvas overlay. Reads only through api.ts; fills the overlay slice for the node cards.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type FlowAnalytics } from '../../api';
import { useEditor } from '../../store/editor';
import { DayChart } from './DayChart';
import { percent, useAnalyticsOverlay } from './overlay';
import { summarize } from './summary';

const OUTCOMES = ['delivered', 'handedOff', 'hungUp', 'failed'] as const;

export function AnalyticsPanel() {
  const { t } = useTranslation();
  const flowId = useEditor((s) => s.flowId);
  const zero = useEditor((s) => s.base.settings.zeroPersistence);
  const overlayOn = useAnalyticsOverlay((s) => s.on);
  const [data, setData] = useState<FlowAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!flowId) return;
    try {
      const r = await api.getAnalytics(flowId);
      setData(r);
      setError(null);
      useAnalyticsOverlay.getState().setNodes(flowId, r.nodes);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [flowId]);
  useEffect(() => void load(), [load]);

  if (!flowId) return <p className="muted">{t('analytics.offline')}</p>;
  const s = data ? summarize(data.days) : null;
  return (
    <section className="analytics" data-testid="analytics" aria-label={t('analytics.title')}>
      <h2>{t('analytics.title')}</h2>
      {zero && <p className="note" data-testid="analytics-zero">{t('analytics.zeroPersistence')}</p>}
      <label className="check">
        <input type="checkbox" checked={overlayOn} onChange={(e) => useAnalyticsOverlay.getState().setOn(e.target.checked)} />
        {t('analytics.overlay')}
      </label>
      <div className="row">
        <button type="button" onClick={() => void load()}>{t('analytics.refresh')}</button>
        <a href={api.analyticsCsvUrl(flowId, data ? { from: data.from, to: data.to } : {})} download data-testid="analytics-csv">
          {t('analytics.csv')}
        </a>
      </div>
      {error && <p role="alert">{error}</p>}
      {data && s && (
        <>
          <p className="muted">{t('analytics.range', { from: data.from, to: data.to })}</p>
          <dl className="analytics-numbers" data-testid="analytics-numbers">
            <dt>{t('analytics.calls')}</dt>
            <dd data-testid="analytics-calls">{data.calls}</dd>
            <dt>{t('analytics.handoffRate')}</dt>
            <dd>{percent(s.handoffRate)}</dd>
            <dt>{t('analytics.duration')}</dt>
            <dd>{s.medianS === null ? '–' : t('analytics.seconds', { median: s.medianS, p90: s.p90S ?? '–' })}</dd>
            {data.suppressedDays > 0 && (
              <>
                <dt>{t('analytics.suppressedDays')}</dt>
                <dd>{data.suppressedDays}</dd>
              </>
            )}
          </dl>
          <h3>{t('analytics.perDay')}</h3>
          <DayChart days={data.days} from={data.from} to={data.to} />
          <h3>{t('analytics.outcomes')}</h3>
          <div className="outcome-bar" role="img" aria-label={OUTCOMES.map((o) => `${t(`analytics.outcome.${o}`)}: ${s.outcomes[o]}`).join(', ')}>
            {OUTCOMES.map((o) =>
              s.outcomes[o] > 0 ? <span key={o} className={`seg ${o}`} style={{ flexGrow: s.outcomes[o] }} /> : null,
            )}
          </div>
          <ul className="outcome-legend" data-testid="analytics-outcomes">
            {OUTCOMES.map((o) => (
              <li key={o}>
                <span className={`swatch ${o}`} aria-hidden />
                {t(`analytics.outcome.${o}`)}: {s.outcomes[o]}
              </li>
            ))}
          </ul>
          <table className="analytics-days" aria-label={t('analytics.perDay')}>
            <thead>
              <tr><th>{t('analytics.day')}</th><th>{t('analytics.calls')}</th></tr>
            </thead>
            <tbody>
              {data.days.filter((d) => d.suppressed || d.calls > 0).map((d) => (
                <tr key={d.day}><td>{d.day}</td><td>{d.suppressed ? t('analytics.fewer') : d.calls}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
