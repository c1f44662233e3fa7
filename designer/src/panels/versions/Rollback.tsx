// Rollback, safely: a confirmation that says what callers will hear differently and what happens
// to unpublished draft changes; afterwards undo still brings the previous draft back, and the new
// version's note is in the user's language.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffFlows, type FlowChange } from '../../../../engine/src/flow/diff/index';
import { api, ApiFailure } from '../../api';
import { adoptDraft, saveNow } from '../../screens/autosave';
import { ChangeList } from './ChangeList';
import { announce, refreshLive, useDraftChanges, useLive, versionFlow } from './live';

function RollbackDialog({
  flowId,
  version,
  onClose,
}: {
  flowId: string;
  version: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const live = useLive((s) => s.live);
  const draftChanges = useDraftChanges()?.length ?? 0;
  const [changes, setChanges] = useState<FlowChange[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void versionFlow(flowId, version).then((target) => setChanges(live ? diffFlows(live.flow, target) : []));
  }, [flowId, version, live]);

  const confirm = async () => {
    setBusy(true);
    try {
      await saveNow();
      const res = await api.rollback(flowId, version, t('versions.rollbackNote', { v: version }));
      adoptDraft(await api.getDraft(flowId));
      await refreshLive(flowId);
      announce(t('versions.rolledBack', { v: res.version.number, from: version }));
      onClose();
    } catch (e) {
      setFailure(e instanceof ApiFailure ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog wide" role="alertdialog" aria-modal="true" aria-labelledby="rollback-title">
        <h2 id="rollback-title">{t('versions.rollbackTitle', { v: version })}</h2>
        <p>{t('versions.rollbackIntro', { v: version })}</p>
        {changes ? <ChangeList changes={changes} testId="rollback-changes" /> : <p className="muted">…</p>}
        {draftChanges > 0 && (
          <p className="help">{t('versions.rollbackDraft', { count: draftChanges, v: version })}</p>
        )}
        <p className="help">{t('versions.rollbackUndo')}</p>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="primary"
            disabled={busy || !changes}
            onClick={() => void confirm()}
          >
            ↺ {t('versions.rollbackConfirm', { v: version })}
          </button>
          <button type="button" onClick={onClose}>
            {t('versions.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function RollbackButton({ flowId, version }: { flowId: string; version: number }) {
  const { t } = useTranslation();
  const liveNumber = useLive((s) => s.live?.number);
  const [open, setOpen] = useState(false);
  // The live version itself: nothing to roll back to.
  if (version === liveNumber) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        ↺ {t('versions.rollback')}
      </button>
      {open && <RollbackDialog flowId={flowId} version={version} onClose={() => setOpen(false)} />}
    </>
  );
}
