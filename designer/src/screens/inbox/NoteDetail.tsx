// One call note ("Gesprächsnotiz"): all details, then "Erledigt" (or "Wieder öffnen" for a note
// marked done by mistake) and — for owners — "Löschen" behind a confirm step. Says beforehand
// when "Erledigt" deletes the note (retention "immediate", or memory only).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, type CallNote } from '../../api';
import { useSession } from '../../session';
import { when } from '../../i18n/when';
import { loadFlowFacts, type FlowFacts } from './flowFacts';
import { NoteBody } from './NoteBody';

export function NoteDetail({ txId, onClose }: { txId: string; onClose(message?: string): void }) {
  const { t, i18n } = useTranslation();
  const me = useSession((s) => s.me);
  const [note, setNote] = useState<CallNote | null>(null);
  const [facts, setFacts] = useState<FlowFacts | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => {
    if (e instanceof ApiFailure && e.status === 404) setError(t('inbox.gone'));
    else setError(t('inbox.failed', { message: e instanceof ApiFailure ? e.message : String(e) }));
  };

  useEffect(() => {
    let alive = true;
    api.getCall(txId).then(
      async (n) => {
        if (!alive) return;
        setNote(n);
        const f = await loadFlowFacts(n.flowId, n.flowVersion, i18n.language);
        if (alive) setFacts(f);
      },
      (e) => alive && fail(e),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [txId, i18n.language]);

  const markDone = async () => {
    try {
      await api.markDone(txId);
      onClose(facts?.immediate || !note?.stored ? t('inbox.deleted') : undefined);
    } catch (e) {
      fail(e);
    }
  };
  const reopen = async () => {
    try {
      await api.reopen(txId);
      setNote(await api.getCall(txId));
    } catch (e) {
      fail(e);
    }
  };
  const remove = async () => {
    try {
      await api.deleteCall(txId);
      onClose(t('inbox.deleted'));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <main className="note-detail" data-testid="note-detail">
      <button type="button" onClick={() => onClose()}>
        ← {t('inbox.back')}
      </button>
      <h1>{t('inbox.note')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {note && (
        <>
          <p>
            {t('inbox.txId')}: <code data-testid="note-txid">{note.txId}</code> · {t('inbox.received')}:{' '}
            {when(note.createdAt, i18n.language)} · {t('inbox.expires')}:{' '}
            {when(note.expiresAt, i18n.language)}
          </p>
          <p>
            {note.record.priority === 'urgent' && <span className="badge urgent">{t('inbox.urgent')}</span>}
            {note.test && <span className="badge test">{t('inbox.test')}</span>}
            {!note.stored && <span className="badge memory">{t('inbox.memoryOnly')}</span>}
            <span className="badge">{note.status === 'done' ? t('inbox.done') : t('inbox.new')}</span>
          </p>
          {!note.stored && <p className="help">{t('inbox.memoryOnlyHelp')}</p>}
          <h2>{t('inbox.details')}</h2>
          <NoteBody record={note.record} labels={facts?.labels ?? {}} />
          {note.status === 'new' && me?.permissions.includes('calls:done') && (
            <div className="row">
              <button type="button" onClick={() => void markDone()} aria-describedby="done-help">
                ✓ {t('inbox.markDone')}
              </button>
              <p id="done-help" className="help" data-testid="done-help">
                {!note.stored
                  ? t('inbox.doneMemory')
                  : facts?.immediate
                    ? t('inbox.doneImmediate')
                    : t('inbox.doneKept')}
              </p>
            </div>
          )}
          {note.status === 'done' && me?.permissions.includes('calls:done') && (
            <button type="button" onClick={() => void reopen()}>
              ↺ {t('inbox.reopen')}
            </button>
          )}
          {me?.permissions.includes('calls:delete') &&
            (confirming ? (
              <div role="alertdialog" aria-labelledby="confirm-delete" className="confirm">
                <p id="confirm-delete">{t('inbox.confirmDelete')}</p>
                <button type="button" className="danger" onClick={() => void remove()}>
                  {t('inbox.confirmYes')}
                </button>
                <button type="button" onClick={() => setConfirming(false)} autoFocus>
                  {t('inbox.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirming(true)}>
                🗑 {t('inbox.delete')}
              </button>
            ))}
        </>
      )}
    </main>
  );
}
