// The picker above the dashboard (it drives the canvas overlay too): period, version, and
// whether test calls count. Plain labelled form controls, so keyboard and screen readers work.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIODS, useAnalyticsFilter, type Period } from './filter';

export function AnalyticsFilters({ versions }: { versions: number[] }) {
  const { t } = useTranslation();
  const f = useAnalyticsFilter();
  // Labels point at their controls by id (not by nesting), so a select's name is just its label.
  const id = useId();
  const versionValue = f.version === 'draft' && !f.includeTests ? 'all' : String(f.version);
  return (
    <fieldset className="analytics-filters" data-testid="analytics-filters">
      <legend>{t('analytics.filterLegend')}</legend>
      <label htmlFor={`${id}-period`}>{t('analytics.period')}</label>
      <select
        id={`${id}-period`}
        value={f.period}
        onChange={(e) => f.set({ period: e.target.value as Period })}
      >
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {t(`analytics.periods.${p}`)}
          </option>
        ))}
      </select>
      {f.period === 'custom' && (
        <div className="range">
          <label>
            {t('analytics.from')}
            <input
              type="date"
              value={f.from}
              max={f.to || undefined}
              onChange={(e) => f.set({ from: e.target.value })}
            />
          </label>
          <label>
            {t('analytics.to')}
            <input
              type="date"
              value={f.to}
              min={f.from || undefined}
              onChange={(e) => f.set({ to: e.target.value })}
            />
          </label>
        </div>
      )}
      <label htmlFor={`${id}-version`}>{t('analytics.version')}</label>
      <select
        id={`${id}-version`}
        value={versionValue}
        onChange={(e) => {
          const v = e.target.value;
          f.set({ version: v === 'all' || v === 'draft' ? v : Number(v) });
        }}
      >
        <option value="all">{t('analytics.allVersions')}</option>
        {versions.map((n) => (
          <option key={n} value={String(n)}>
            {t('analytics.versionN', { n })}
          </option>
        ))}
        {f.includeTests && <option value="draft">{t('analytics.draft')}</option>}
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={f.includeTests}
          onChange={(e) => f.set({ includeTests: e.target.checked })}
        />
        {t('analytics.includeTests')}
      </label>
    </fieldset>
  );
}
