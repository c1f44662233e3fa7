// "Posteingang": the call notes of the organisation, newest first, and one note in detail.
// Only for roles with calls:read (agent, owner); the server decrypts the notes per request.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, type CallNote } from '../api';
import { when } from '../i18n/when';
import { hrefOf, navigate } from '../routing/router';
import { NoteDetail } from './inbox/NoteDetail';
import './inbox/inbox.css';

export function nameOf(note: CallNote): string | null {
  const v = note.record.fields.name?.value;
  return v === undefined ? null : String(v);
}

/** `note`: the transaction id of the note the address opens in detail. */
export function Inbox({ note: open }: { note?: string }) {
  const { t, i18n } = useTranslation();
  const [notes, setNotes] = useState<CallNote[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    try {
      setNotes(await api.listCalls());
      setError(null);
    } catch (e) {
      setError(t('inbox.failed', { message: e instanceof ApiFailure ? e.message : String(e) }));
    }
  };
  // The list is fetched whenever it is shown again (also by Back from a note); a message about
  // the last note does not outlive the next one being opened.
  useEffect(() => {
    if (open) setMessage(null);
    else void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  if (open) {
    return (
      <NoteDetail
        txId={open}
        onClose={(msg) => {
          navigate({ name: 'inbox' });
          setMessage(msg ?? null);
        }}
      />
    );
  }
  return (
    <main className="inbox" data-testid="inbox">
      <h1>{t('inbox.title')}</h1>
      <button type="button" onClick={() => void refresh()}>
        ↻ {t('inbox.refresh')}
      </button>
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notes && notes.length === 0 && <p className="muted">{t('inbox.empty')}</p>}
      {notes && notes.length > 0 && (
        <table aria-label={t('inbox.list')}>
          <thead>
            <tr>
              <th scope="col">{t('inbox.time')}</th>
              <th scope="col">{t('inbox.name')}</th>
              <th scope="col">{t('inbox.concern')}</th>
              <th scope="col">{t('inbox.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('inbox.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {notes.map((n) => (
              <tr key={n.txId} data-testid={`note-${n.txId}`} className={n.status}>
                <td>{when(n.createdAt, i18n.language)}</td>
                <td>{nameOf(n) ?? <span className="muted">{t('inbox.unnamed')}</span>}</td>
                <td>
                  {n.record.concern ?? ''}{' '}
                  {n.record.priority === 'urgent' && (
                    <span className="badge urgent">{t('inbox.urgent')}</span>
                  )}
                  {n.record.flags.map((f) => (
                    <span key={f} className="badge">
                      {f}
                    </span>
                  ))}
                  {n.test && <span className="badge test">{t('inbox.test')}</span>}
                  {!n.stored && (
                    <span className="badge memory" title={t('inbox.memoryOnlyHelp')}>
                      {t('inbox.memoryOnly')}
                    </span>
                  )}
                </td>
                <td>{n.status === 'done' ? t('inbox.done') : t('inbox.new')}</td>
                <td>
                  <a
                    href={hrefOf({ name: 'inbox', note: n.txId })}
                    aria-label={`${t('inbox.open')}: ${nameOf(n) ?? n.txId}`}
                  >
                    {t('inbox.open')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
