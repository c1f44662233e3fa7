// Draft vs. live, always in sight: the toolbar says whether the draft differs from what callers
// hear, links to that comparison and offers "Veröffentlichen" right there.
import { useEffect, useRef, useState } from 'react';
import { announce as tellScreenReaders } from '../../a11y/announce';
import { useTranslation } from 'react-i18next';
import { updateEditor } from '../../routing/router';
import { useEditor } from '../../store/editor';
import { announce, refreshLive, useDraftChanges, useLive } from './live';
import { PublishDialog } from './PublishDialog';

export function DraftState() {
  const { t } = useTranslation();
  const flowId = useEditor((s) => s.flowId);
  const loaded = useLive((s) => s.loaded && s.flowId === flowId);
  const live = useLive((s) => s.live);
  const changes = useDraftChanges();
  const [dialog, setDialog] = useState(false);
  const stateButton = useRef<HTMLButtonElement>(null);
  const revision = useEditor((s) => s.revision);
  const notice = useLive((s) => (s.notice?.revision === revision ? s.notice.text : null));

  useEffect(() => {
    if (flowId) void refreshLive(flowId).catch(() => undefined);
  }, [flowId]);

  if (!flowId || !loaded) return null;
  const unpublished = !live || (changes?.length ?? 0) > 0;
  const text = !live
    ? t('draft.never')
    : unpublished
      ? t('draft.changes', { count: changes!.length })
      : t('draft.live', { v: live.number });
  return (
    <span className="draft-state">
      <button
        type="button"
        className={`link state ${unpublished ? 'unpublished' : 'live'}`}
        data-testid="draft-state"
        ref={stateButton}
        title={live ? t('draft.compareHint') : undefined}
        onClick={() =>
          live && updateEditor({ panel: 'versions', compare: { from: live.number, to: 'draft' } })
        }
      >
        {text}
      </button>
      <button type="button" className="primary" disabled={!unpublished} onClick={() => setDialog(true)}>
        ✓ {t('versions.publish')}
      </button>
      {notice && (
        <span role="status" className="notice" data-testid="version-notice">
          {notice}
        </span>
      )}
      {dialog && (
        <PublishDialog
          changes={live ? changes : null}
          onClose={() => {
            setDialog(false);
            stateButton.current?.focus();
          }}
          onPublished={(v) => {
            setDialog(false);
            announce(t('versions.published', { v }));
            tellScreenReaders(t('access.published', { v }));
            // The publish button is disabled now; the keyboard goes on from the state beside it.
            stateButton.current?.focus();
          }}
        />
      )}
    </span>
  );
}
