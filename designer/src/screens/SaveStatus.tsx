// Save state in words, and the conflict dialog when someone else changed the flow.
import { useTranslation } from 'react-i18next';
import { resolveConflict, useSave } from './autosave';

export function SaveStatus() {
  const { t } = useTranslation();
  const status = useSave((s) => s.status);
  const text = {
    saved: t('editor.saved'),
    dirty: t('editor.unsaved'),
    saving: t('editor.saving'),
    error: t('editor.saveFailed'),
    conflict: t('conflict.title'),
    offline: t('editor.offline'),
  }[status];
  return (
    <span className={`save-status ${status}`} role="status" data-testid="save-status" data-status={status}>
      {text}
    </span>
  );
}

export function ConflictDialog() {
  const { t } = useTranslation();
  const status = useSave((s) => s.status);
  if (status !== 'conflict') return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title">
        <h2 id="conflict-title">{t('conflict.title')}</h2>
        <p>{t('conflict.text')}</p>
        <button type="button" onClick={() => void resolveConflict('reload')}>
          {t('conflict.reload')}
        </button>
        <button type="button" onClick={() => void resolveConflict('overwrite')}>
          {t('conflict.overwrite')}
        </button>
      </div>
    </div>
  );
}
