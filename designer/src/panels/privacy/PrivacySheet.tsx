// The always-visible privacy sheet ("Verarbeitungsübersicht"), recomputed as the user edits.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../../store/editor';
import { download } from '../../download';
import { summarize, toMarkdown } from './summary';

export function PrivacySheet() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const revision = useEditor((s) => s.revision);
  const flow = useMemo(() => useEditor.getState().flow(), [revision]);
  const s = useMemo(() => summarize(flow), [flow]);
  return (
    <section className="privacy" aria-label={t('privacy.title')} data-testid="privacy-sheet">
      <h2>{t('privacy.title')}</h2>
      <dl>
        <dt>{t('privacy.retention')}</dt>
        <dd data-testid="privacy-retention">{s.retention[lang]}</dd>
        <dt>{t('privacy.categories')}</dt>
        <dd>{s.categories.length ? s.categories.map((c) => t(`categories.${c}`)).join(', ') : t('privacy.noCategories')}</dd>
        <dt>{t('privacy.collected')}</dt>
        <dd>
          {s.details.length === 0 && t('privacy.none')}
          <ul>
            {s.details.map((d) => (
              <li key={`${d.nodeId}/${d.key}`}>
                {d.label}
                {d.sensitive && <span className="badge sensitive"> {t('privacy.sensitive')}</span>}
              </li>
            ))}
            {s.callerNumber && <li>{t('privacy.callerNumber')}</li>}
            {s.transcript && <li>{t('privacy.transcript')}</li>}
          </ul>
        </dd>
        <dt>{t('privacy.processors')}</dt>
        <dd>
          <ul>
            {s.processors.map((p) => (
              <li key={p.name}>
                <strong>{p.name}</strong> ({p.purpose[lang]}) {t('privacy.sees')}: {p.sees.map((x) => x[lang]).join(', ')}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <button
        type="button"
        onClick={() => download(`${flow.id}-verarbeitung.md`, toMarkdown(flow, s, lang, (c) => t(`categories.${c}`)), 'text/markdown')}
      >
        ⬇ {t('privacy.export')}
      </button>
    </section>
  );
}
