// The Auswertung tab: per-flow aggregates (no caller data) for the picked period, version and
// calls (phone only unless test calls are included), the CSV export, the switch for the canvas
// overlay and the comparison of two published versions. Reads only through api.ts; fills the
// overlay slice for the node cards with the same selection.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api, type FlowAnalytics } from '../../api';
import { useEditor } from '../../store/editor';
import { AnalyticsFilters } from './AnalyticsFilters';
import { DayChart } from './DayChart';
import { localDay, queryOf, useAnalyticsFilter } from './filter';
import { percent, useAnalyticsOverlay } from './overlay';
import { summarize } from './summary';
import { VersionCompare } from './VersionCompare';

const OUTCOMES = ['delivered', 'handedOff', 'hungUp', 'failed'] as const;

export function AnalyticsPanel() {
  const { t } = useTranslation();
  const flowId = useEditor((s) => s.flowId);
  const zero = useEditor((s) => s.base.settings.zeroPersistence);
  const overlayOn = useAnalyticsOverlay((s) => s.on);
  const [data, setData] = useState<FlowAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [versions, setVersions] = useState<number[]>([]);
  const filter = useAnalyticsFilter(
    useShallow(({ period, from, to, version, includeTests, flowId: of }) => ({
      period,
      from,
      to,
      version,
      includeTests,
      of,
    })),
  );
  useEffect(() => void (flowId && useAnalyticsFilter.getState().forFlow(flowId)), [flowId]);
  const today = localDay(new Date());
  // A version picked on another flow never leaks into this one (until forFlow has reset it).
  const query = useMemo(
    () => queryOf({ ...filter, version: filter.of === flowId ? filter.version : 'all' }, today),
    [filter, flowId, today],
  );
  const queryKey = JSON.stringify(query);
  const latest = useRef(0);

  const load = useCallback(async () => {
    if (!flowId) return;
    const mine = ++latest.current;
    try {
      const r = await api.getAnalytics(flowId, JSON.parse(queryKey) as typeof query);
      // Pickers change quickly: only the answer to the latest question is shown.
      if (mine !== latest.current) return;
      setData(r);
      setError(null);
      useAnalyticsOverlay.getState().setNodes(flowId, r.nodes);
    } catch (e) {
      if (mine === latest.current) setError(e instanceof Error ? e.message : String(e));
    }
  }, [flowId, queryKey]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!flowId) return;
    api.listVersions(flowId).then(
      (v) => setVersions(v.map((x) => x.number).sort((a, b) => b - a)),
      () => setVersions([]),
    );
  }, [flowId]);

  if (!flowId) return <p className="muted">{t('analytics.offline')}</p>;
  const s = data ? summarize(data.days) : null;
  return (
    <section className="analytics" data-testid="analytics" aria-label={t('analytics.title')}>
      <h2>{t('analytics.title')}</h2>
      {zero && (
        <p className="note" data-testid="analytics-zero">
          {t('analytics.zeroPersistence')}
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={overlayOn}
          onChange={(e) => useAnalyticsOverlay.getState().setOn(e.target.checked)}
        />
        {t('analytics.overlay')}
      </label>
      <AnalyticsFilters versions={versions} />
      <div className="row">
        <button type="button" onClick={() => void load()}>
          {t('analytics.refresh')}
        </button>
        <a href={api.analyticsCsvUrl(flowId, query)} download data-testid="analytics-csv">
          {t('analytics.csv')}
        </a>
      </div>
      {error && <p role="alert">{error}</p>}
      {data && s && (
        <>
          <p className="muted" data-testid="analytics-range">
            {t('analytics.range', { from: data.from, to: data.to })}
          </p>
          <p className="muted" data-testid="analytics-source">
            {data.source === 'phone'
              ? t('analytics.phoneOnly')
              : t('analytics.withTests', { count: data.testCalls })}
          </p>
          <dl className="analytics-numbers" data-testid="analytics-numbers">
            <dt>{t('analytics.calls')}</dt>
            <dd data-testid="analytics-calls">{data.calls}</dd>
            <dt>{t('analytics.handoffRate')}</dt>
            <dd>{percent(s.handoffRate)}</dd>
            <dt>{t('analytics.duration')}</dt>
            <dd>
              {s.medianS === null ? '–' : t('analytics.seconds', { median: s.medianS, p90: s.p90S ?? '–' })}
            </dd>
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
          <div
            className="outcome-bar"
            role="img"
            aria-label={OUTCOMES.map((o) => `${t(`analytics.outcome.${o}`)}: ${s.outcomes[o]}`).join(', ')}
          >
            {OUTCOMES.map((o) =>
              s.outcomes[o] > 0 ? (
                <span key={o} className={`seg ${o}`} style={{ flexGrow: s.outcomes[o] }} />
              ) : null,
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
              <tr>
                <th>{t('analytics.day')}</th>
                <th>{t('analytics.calls')}</th>
              </tr>
            </thead>
            <tbody>
              {data.days
                .filter((d) => d.suppressed || d.calls > 0)
                .map((d) => (
                  <tr key={d.day}>
                    <td>{d.day}</td>
                    <td>
                      {d.suppressed
                        ? t('analytics.fewer')
                        : d.partial
                          ? t('analytics.partialDay', { calls: d.calls })
                          : d.calls}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('analytics.compare.title')}</h3>
      <VersionCompare key={flowId} flowId={flowId} versions={versions} query={query} />
    </section>
  );
}
