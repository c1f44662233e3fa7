// Versions: publish the draft with a message, the history, a readable diff to the previous
// version (changed steps highlighted on the canvas), rollback.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowChange } from '../../../../engine/src/flow/diff';
import { api, ApiFailure, type VersionSummary } from '../../api';
import { useCheck } from '../../check/store';
import { updateEditor } from '../../routing/router';
import { openDraft, saveNow } from '../../screens/autosave';
import { useSession } from '../../session';
import { useEditor } from '../../store/editor';

export function VersionsPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const flowId = useEditor((s) => s.flowId);
  const hasErrors = useCheck((s) => s.diagnostics.some((d) => d.severity === 'error'));
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [message, setMessage] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [diff, setDiff] = useState<{ v: number; changes: FlowChange[] } | null>(null);
  const screen = useSession((s) => s.screen);
  const compare = screen.name === 'editor' ? screen.compare : undefined;
  const from = typeof compare?.from === 'number' ? compare.from : null;
  const to = typeof compare?.to === 'number' ? compare.to : null;

  const refresh = useCallback(async () => {
    if (flowId) setVersions(await api.listVersions(flowId));
  }, [flowId]);
  useEffect(() => {
    void refresh();
    return () => useEditor.getState().setChanged([]);
  }, [refresh]);

  // The comparison is part of the address (a link to it, Back, reload).
  useEffect(() => {
    if (!flowId || from === null || to === null) {
      setDiff(null);
      useEditor.getState().setChanged([]);
      return;
    }
    let alive = true;
    void (async () => {
      // A version the address names but the server does not know: no comparison to show.
      const changes =
        from === to
          ? []
          : await api.diff(flowId, from, to).then(
              (d) => d.changes,
              () => null,
            );
      if (!alive || !changes) return;
      setDiff({ v: to, changes });
      useEditor.getState().setChanged(changes.flatMap((c) => (c.nodeId ? [c.nodeId] : [])));
    })();
    return () => {
      alive = false;
    };
  }, [flowId, from, to]);

  if (!flowId) return <p className="muted">{t('versions.offline')}</p>;

  const publish = async () => {
    try {
      await saveNow();
      const res = await api.publish(flowId, message.trim());
      setNotice(t('versions.published', { v: res.version.number }));
      setMessage('');
      await refresh();
    } catch (e) {
      setNotice(e instanceof ApiFailure ? e.message : String(e));
    }
  };

  const showDiff = (v: number) => {
    updateEditor({ compare: { from: Math.max(1, v - 1), to: v } });
  };

  return (
    <section className="versions" aria-label={t('versions.title')}>
      <h2>{t('versions.title')}</h2>
      <label htmlFor="publish-message">{t('versions.message')}</label>
      <textarea id="publish-message" rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />
      <button type="button" disabled={hasErrors || !message.trim()} onClick={() => void publish()}>
        ✓ {t('versions.publish')}
      </button>
      {hasErrors && <p className="help">{t('versions.publishBlocked')}</p>}
      {notice && <p role="status">{notice}</p>}
      <h3>{t('versions.history')}</h3>
      {versions.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ol className="version-list">
        {versions.map((v) => (
          <li key={v.number} data-testid={`version-${v.number}`}>
            <strong>Version {v.number}</strong> ·{' '}
            {new Date(v.createdAt).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')}
            <div>{v.message}</div>
            <button type="button" onClick={() => showDiff(v.number)}>
              {t('versions.diff')}
            </button>
            <button
              type="button"
              onClick={async () => {
                await api.rollback(flowId, v.number);
                openDraft(await api.getDraft(flowId));
                await refresh();
              }}
            >
              ↺ {t('versions.rollback')}
            </button>
          </li>
        ))}
      </ol>
      {diff && (
        <div className="diff" data-testid="diff">
          <h3>
            {t('versions.diff')} (Version {diff.v})
          </h3>
          {diff.changes.length === 0 && <p className="muted">{t('versions.noChanges')}</p>}
          <ul>
            {diff.changes.map((c, i) => (
              <li key={i} className={c.kind}>
                {c.nodeId ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => useEditor.getState().select(c.nodeId!, { centre: true })}
                  >
                    {c.message[lang]}
                  </button>
                ) : (
                  c.message[lang]
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
