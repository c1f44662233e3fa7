// "Posteingang": the call notes of the organisation, newest first, and one note in detail.
// Only for roles with calls:read (agent, owner); the server decrypts the notes per request.
// Filters narrow the list in the page; the search by number asks the server (number in the
// body); new notes arrive live. Nothing of it is kept in browser storage.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, type CallNote } from '../api';
import { navigate } from '../routing/router';
import { useSession } from '../session';
import { applyFilter, NO_FILTER, type InboxFilter } from './inbox/filter';
import { loadFlowFacts } from './inbox/flowFacts';
import { InboxFilters } from './inbox/InboxFilters';
import { InboxTable } from './inbox/InboxTable';
import { NoteDetail } from './inbox/NoteDetail';
import { useLiveNotes } from './inbox/useLiveNotes';
import './inbox/inbox.css';

/** `note`: the transaction id of the note the address opens in detail. */
export function Inbox({ note: open }: { note?: string }) {
  const { t, i18n } = useTranslation();
  const mayMarkDone = useSession((s) => s.me?.permissions.includes('calls:done') ?? false);
  const [notes, setNotes] = useState<CallNote[] | null>(null);
  /** The number searched for (kept in memory only), or null for the whole inbox. */
  const [search, setSearch] = useState<string | null>(null);
  const [filter, setFilter] = useState<InboxFilter>(NO_FILTER);
  /** The organisation's flows by id; null until they are loaded (or when they cannot be). */
  const [flowNames, setFlowNames] = useState<Map<string, string> | null>(null);
  const [deleting, setDeleting] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) =>
    setError(t('inbox.failed', { message: e instanceof ApiFailure ? e.message : String(e) }));

  const refresh = async (number = search) => {
    try {
      setNotes(number === null ? await api.listCalls() : await api.searchCalls(number));
      setError(null);
    } catch (e) {
      fail(e);
    }
  };
  // The list is fetched whenever it is shown again (also by Back from a note); a message about
  // the last note does not outlive the next one being opened.
  useEffect(() => {
    if (open) setMessage(null);
    else void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  useEffect(() => {
    api.listFlows().then(
      (flows) => setFlowNames(new Map(flows.map((f) => [f.id, f.name]))),
      () => undefined, // without names the flow column stays empty: an id means nothing to people
    );
  }, []);
  /** A flow's name; a note may outlive its flow. Never the id, which nobody at the desk knows. */
  const flowLabel = useCallback(
    (id: string) => (flowNames ? (flowNames.get(id) ?? t('inbox.flowGone')) : ''),
    [flowNames, t],
  );
  // Which notes "done" deletes (retention "immediate"): read from the flows that took the calls.
  useEffect(() => {
    let alive = true;
    const pairs = new Map((notes ?? []).map((n) => [`${n.flowId}@${n.flowVersion}`, n]));
    void Promise.all(
      [...pairs.values()].map(async (n) => {
        const facts = await loadFlowFacts(n.flowId, n.flowVersion, i18n.language);
        return facts?.immediate ? `${n.flowId}@${n.flowVersion}` : null;
      }),
    ).then((keys) => alive && setDeleting(new Set(keys.filter((k): k is string => k !== null))));
    return () => {
      alive = false;
    };
  }, [notes, i18n.language]);
  useLiveNotes(() => {
    if (open) return;
    setMessage(t('inbox.arrived'));
    void refresh();
  });

  const deletesOnDone = (n: CallNote) => !n.stored || deleting.has(`${n.flowId}@${n.flowVersion}`);
  const toggleDone = async (n: CallNote) => {
    try {
      if (n.status === 'done') await api.reopen(n.txId);
      else await api.markDone(n.txId);
      setMessage(n.status === 'new' && deletesOnDone(n) ? t('inbox.deleted') : null);
      await refresh();
    } catch (e) {
      fail(e);
    }
  };
  const shown = useMemo(() => applyFilter(notes ?? [], filter), [notes, filter]);
  const flowsInList = useMemo(
    () => [...new Set((notes ?? []).map((n) => n.flowId))].map((id) => ({ id, name: flowLabel(id) })),
    [notes, flowLabel],
  );

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
      <div className="row">
        <button type="button" onClick={() => void refresh()}>
          ↻ {t('inbox.refresh')}
        </button>
        <span className="help">{t('inbox.liveHint')}</span>
      </div>
      <InboxFilters
        filter={filter}
        onFilter={setFilter}
        flows={flowsInList}
        searching={search !== null}
        onSearch={(number) => {
          setSearch(number);
          void refresh(number);
        }}
        onClearSearch={() => {
          setSearch(null);
          void refresh(null);
        }}
      />
      <p role="status" className="status-line">
        {message}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notes && search !== null && (
        <p data-testid="search-result">{t('inbox.searchResult', { count: notes.length })}</p>
      )}
      {notes && notes.length === 0 && search === null && (
        <div className="empty" data-testid="inbox-empty">
          <p>{t('inbox.empty')}</p>
          <p className="help">{t('inbox.emptyTestCalls')}</p>
        </div>
      )}
      {notes && notes.length > 0 && shown.length === 0 && <p className="muted">{t('inbox.noneFiltered')}</p>}
      {shown.length > 0 && (
        <InboxTable
          notes={shown}
          flowName={flowLabel}
          onToggleDone={mayMarkDone ? (n) => void toggleDone(n) : undefined}
          deletesOnDone={deletesOnDone}
        />
      )}
    </main>
  );
}
