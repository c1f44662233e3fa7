// Publishing from the toolbar: the dialog lists what goes live in plain words (the semantic diff)
// and prefills the version note from it, so nobody is stuck in front of an empty required field.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowChange } from '../../../../engine/src/flow/diff/index';
import { api, ApiFailure } from '../../api';
import { useCheck } from '../../check/store';
import { saveNow } from '../../screens/autosave';
import { useEditor } from '../../store/editor';
import { ChangeList } from './ChangeList';
import { refreshLive } from './live';

const NOTE_LIMIT = 500;

/** The version note a person would write: the changes themselves, shortened to a few. */
export function suggestedNote(
  changes: readonly FlowChange[] | null,
  lang: 'de' | 'en',
  t: (key: string, o?: Record<string, unknown>) => string,
): string {
  if (!changes) return t('versions.firstNote');
  const shown = changes.slice(0, 3).map((c) => c.message[lang].replace(/`/g, ''));
  const rest = changes.length - shown.length;
  const note =
    rest > 0 ? `${shown.join('; ')}; ${t('versions.moreChanges', { count: rest })}` : shown.join('; ');
  return note.length > NOTE_LIMIT ? `${note.slice(0, NOTE_LIMIT - 1)}…` : note;
}

export function PublishDialog({
  changes,
  onClose,
  onPublished,
}: {
  changes: FlowChange[] | null;
  onClose: () => void;
  onPublished: (v: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const flowId = useEditor((s) => s.flowId)!;
  const errors = useCheck((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  const [note, setNote] = useState(() => suggestedNote(changes, lang, t));
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const publishButton = useRef<HTMLButtonElement>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const why =
    errors > 0
      ? t('versions.blockedErrors', { count: errors })
      : !note.trim()
        ? t('versions.needNote')
        : null;

  // Into the dialog on opening (it is modal): on „Jetzt veröffentlichen", or on the note when
  // publishing is not possible yet.
  useEffect(() => {
    (publishButton.current?.disabled ? noteField.current : publishButton.current)?.focus();
  }, []);

  const publish = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await saveNow();
      const res = await api.publish(flowId, note.trim());
      await refreshLive(flowId);
      onPublished(res.version.number);
    } catch (e) {
      setFailure(e instanceof ApiFailure ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="publish-title"
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id="publish-title">{t('versions.publishTitle')}</h2>
        <p>{changes ? t('versions.publishIntro', { count: changes.length }) : t('versions.publishFirst')}</p>
        {changes && <ChangeList changes={changes} testId="publish-changes" />}
        <label htmlFor="publish-note">{t('versions.message')}</label>
        <textarea
          id="publish-note"
          ref={noteField}
          rows={3}
          maxLength={NOTE_LIMIT}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        {why && <p className="help">{why}</p>}
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="primary"
            ref={publishButton}
            disabled={busy || Boolean(why)}
            onClick={() => void publish()}
          >
            ✓ {t('versions.publishNow')}
          </button>
          <button type="button" onClick={onClose}>
            {t('versions.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
