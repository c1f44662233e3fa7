// "Versionen vergleichen": pick two published versions; the headline sentences first, then per
// step the key figures of both side by side with the change. Same period and calls (phone
// only, or with test calls) as the dashboard above it.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api, type AnalyticsQuery, type AnalyticsReport } from '../../api';
import { useLang } from '../../i18n';
import { useEditor } from '../../store/editor';
import { COMPARE_METRICS, compareVersions } from './compare';
import { formatChange, formatRate, headlines, headlineText } from './headlines';

type Pair = { a: AnalyticsReport; b: AnalyticsReport; va: number; vb: number };

export function VersionCompare({
  flowId,
  versions,
  query,
}: {
  flowId: string;
  versions: number[];
  query: AnalyticsQuery;
}) {
  const { t } = useTranslation();
  const lang = useLang((s) => s.lang);
  const [a, setA] = useState<number | null>(versions[1] ?? null);
  const [b, setB] = useState<number | null>(versions[0] ?? null);
  const [pair, setPair] = useState<Pair | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // Steps in reading order on the canvas (top to bottom, then left to right), with their titles.
  const steps = useEditor(
    useShallow((s) =>
      [...s.nodes]
        .sort((p, q) => p.position.y - q.position.y || p.position.x - q.position.x)
        .map((n) => `${n.id}\u0000${n.data.node.title ?? n.id}`),
    ),
  );
  const names = useMemo(() => new Map(steps.map((x) => x.split('\u0000') as [string, string])), [steps]);

  useEffect(() => {
    if (a === null && versions.length > 1) setA(versions[1]!);
    if (b === null && versions.length > 0) setB(versions[0]!);
  }, [versions, a, b]);

  const { from, to, source } = query;
  useEffect(() => {
    if (a === null || b === null) return;
    let live = true;
    api.getAnalytics(flowId, { from, to, source, version: a, compare: b }).then(
      (r) => live && r.compare && (setPair({ a: r, b: r.compare, va: a, vb: b }), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => void (live = false);
  }, [flowId, a, b, from, to, source]);

  if (versions.length < 2)
    return (
      <p className="muted" data-testid="compare-need-two">
        {t('analytics.compare.needTwo')}
      </p>
    );
  const pick = (value: number | null, set: (n: number) => void, label: string, key: string) => (
    <span className="pick">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={value ?? ''} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((n) => (
          <option key={n} value={n}>
            {t('analytics.versionN', { n })}
          </option>
        ))}
      </select>
    </span>
  );
  const order = [...names.keys()];
  const cmp = pair ? compareVersions(pair.a, pair.b, order) : null;
  const name = (id: string) => names.get(id) ?? id;
  const dash = t('analytics.compare.tooFew');
  return (
    <section
      className="analytics-compare"
      data-testid="analytics-compare"
      aria-label={t('analytics.compare.title')}
    >
      <div className="row">
        {pick(a, setA, t('analytics.compare.a'), 'a')}
        {pick(b, setB, t('analytics.compare.b'), 'b')}
      </div>
      {error && <p role="alert">{error}</p>}
      {pair && cmp && (
        <>
          <h4>{t('analytics.compare.headlines')}</h4>
          <ul className="headlines" data-testid="analytics-headlines">
            {headlines(cmp, { a: pair.va, b: pair.vb }).map((h, i) => (
              <li key={i}>{headlineText(h, lang, name)}</li>
            ))}
          </ul>
          <table
            className="compare-table"
            data-testid="analytics-compare-table"
            aria-label={t('analytics.compare.tableLabel', { a: pair.va, b: pair.vb })}
          >
            <thead>
              <tr>
                <th scope="col">{t('analytics.compare.metric')}</th>
                <th scope="col">{t('analytics.versionN', { n: pair.va })}</th>
                <th scope="col">{t('analytics.versionN', { n: pair.vb })}</th>
                <th scope="col">{t('analytics.compare.change')}</th>
              </tr>
            </thead>
            {cmp.steps.map((s) => (
              <tbody key={s.node} data-testid={`compare-${s.node}`}>
                <tr>
                  <th scope="rowgroup" colSpan={4}>
                    {name(s.node)}
                  </th>
                </tr>
                {COMPARE_METRICS.map((m) => (
                  <tr key={m} data-metric={m}>
                    <th scope="row">{t(`analytics.compare.${m}`)}</th>
                    <td>{formatRate(m, s.a[m], lang) ?? dash}</td>
                    <td>{formatRate(m, s.b[m], lang) ?? dash}</td>
                    <td>{formatChange(m, s.change[m], lang) ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </>
      )}
    </section>
  );
}
