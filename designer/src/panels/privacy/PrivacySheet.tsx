// The always-visible privacy sheet ("Verarbeitungsübersicht"), recomputed as the user edits.
// It shows the engine's processing record (engine/src/flow/privacy) — the same words the CLI
// and the server's export use — and exports it as Markdown.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildProcessingRecord,
  renderProcessingRecordMarkdown,
  type ProcessingRecord,
} from '../../../../engine/src/flow/privacy/index';
import { download } from '../../download';
import { useSession } from '../../session';
import { useEditor } from '../../store/editor';

/** What the server turned on at the vendors; unknown (offline) = off, the record then promises less. */
const vendors = () => ({
  elevenLabsZeroRetention: useSession.getState().me?.vendors?.elevenLabsZeroRetention === true,
});

function recordOf(): ProcessingRecord | null {
  try {
    return buildProcessingRecord(useEditor.getState().flow(), { vendors: vendors() });
  } catch {
    // A half-edited flow can be malformed in ways the record does not expect; the check says why.
    return null;
  }
}

export function PrivacySheet() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const revision = useEditor((s) => s.revision);
  const r = useMemo(recordOf, [revision]);
  if (!r) return <section className="privacy" aria-label={t('privacy.title')} data-testid="privacy-sheet" />;
  const labelOf = new Map(r.fields.map((f) => [f.key, f.label]));
  return (
    <section className="privacy" aria-label={t('privacy.title')} data-testid="privacy-sheet">
      <h2>{t('privacy.title')}</h2>
      <dl>
        <dt>{t('privacy.retention')}</dt>
        <dd data-testid="privacy-retention">
          <strong>{r.retention.short[lang]}</strong> – {r.retention.details[lang]}
        </dd>
        <dt>{t('privacy.categories')}</dt>
        <dd>
          {r.dataCategories.length
            ? r.dataCategories.map((c) => c.words[lang]).join(', ')
            : t('privacy.noCategories')}
        </dd>
        <dt>{t('privacy.collected')}</dt>
        <dd>
          {r.fields.length === 0 && t('privacy.none')}
          <ul>
            {r.fields.map((f) => (
              <li key={`${f.nodeId}/${f.key}`}>
                {f.label}
                {f.sensitive && <span className="badge sensitive"> {t('privacy.sensitive')}</span>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('privacy.processors')}</dt>
        <dd>
          <ul>
            {r.stages
              .filter((s) => s.processor)
              .map((s) => (
                <li key={s.id} data-testid={`stage-${s.id}`}>
                  <strong>{s.name[lang]}</strong> ({s.processor})
                  {s.fields.length > 0 && (
                    <>
                      {' '}
                      {t('privacy.sees')}: {s.fields.map((k) => labelOf.get(k) ?? k).join(', ')}
                    </>
                  )}
                </li>
              ))}
          </ul>
        </dd>
      </dl>
      <button
        type="button"
        onClick={() =>
          download(
            `${r.flow.id}-verarbeitungsuebersicht.md`,
            renderProcessingRecordMarkdown(
              buildProcessingRecord(useEditor.getState().flow(), { vendors: vendors() }),
              lang,
            ),
            'text/markdown',
          )
        }
      >
        ⬇ {t('privacy.export')}
      </button>
    </section>
  );
}
