// Versions: the history with each version's note, a comparison of any two states (versions or the
// draft), rollback. Publishing lives in the toolbar (DraftState), always in sight.
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { useEditor } from '../../store/editor';
import { updateEditor } from '../../routing/router';
import { Comparison, ComparePicker, useRefLabel } from './Comparison';
import { useLive } from './live';
import { RollbackButton } from './Rollback';

export function VersionsPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const flowId = useEditor((s) => s.flowId);
  const versions = useLive((s) => (s.flowId === flowId ? s.versions : []));
  const label = useRefLabel();
  const screen = useSession((s) => s.screen);
  const compare = screen.name === 'editor' ? screen.compare : undefined;

  if (!flowId) return <p className="muted">{t('versions.offline')}</p>;

  return (
    <section className="versions" aria-label={t('versions.title')}>
      <h2>{t('versions.title')}</h2>
      <ComparePicker key={compare ? `${compare.from}-${compare.to}` : 'none'} {...compare} />
      {compare && <Comparison flowId={flowId} from={compare.from} to={compare.to} />}
      <h3>{t('versions.history')}</h3>
      {versions.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ol className="version-list">
        {versions.map((v) => (
          <li key={v.number} data-testid={`version-${v.number}`}>
            <strong>{label(v.number)}</strong> ·{' '}
            {new Date(v.createdAt).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')}
            <div>{v.message}</div>
            {v.number > 1 && (
              <button
                type="button"
                onClick={() => updateEditor({ compare: { from: v.number - 1, to: v.number } })}
              >
                {t('versions.diff')}
              </button>
            )}
            <RollbackButton flowId={flowId} version={v.number} />
          </li>
        ))}
      </ol>
    </section>
  );
}
