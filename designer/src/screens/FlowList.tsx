// The flow list: open a flow, create one from a template, import JSON.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { checkWorker } from '../check/useLiveCheck';
import { api, ApiFailure, type FlowSummary } from '../api';
import { hrefOf, navigate } from '../routing/router';
import { useSession } from '../session';
import { openDraft, openOffline } from './autosave';
import { TEMPLATES } from './templates';

export function FlowList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const offline = useSession((s) => s.offline);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [template, setTemplate] = useState(TEMPLATES[0].id);
  const [slug, setSlug] = useState('');
  const [error, setError] = useState<string | null>(null);

  // Start the check worker now: by the time a flow is open, its code is loaded.
  useEffect(() => void checkWorker(), []);
  useEffect(() => {
    if (!offline)
      void api
        .listFlows()
        .then(setFlows)
        .catch(() => setFlows([]));
  }, [offline]);

  const create = async (flow: Flow) => {
    if (offline) {
      openOffline(flow);
      return navigate({ name: 'editor', flowId: null });
    }
    try {
      const res = await api.createFlow({ flow });
      openDraft(res.draft);
      navigate({ name: 'editor', flowId: res.draft.flowId });
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    }
  };

  return (
    <main className="flow-list">
      <h1>{t('flows.title')}</h1>
      {!offline && (
        <ul>
          {flows.length === 0 && <li className="muted">{t('flows.empty')}</li>}
          {flows.map((f) => (
            <li key={f.id}>
              <a href={hrefOf({ name: 'editor', flowId: f.id })}>
                {t('flows.open')}: {f.name}
              </a>{' '}
              <span className="muted" data-testid="flow-state">
                {f.latestVersion ? t('flows.published', { v: f.latestVersion }) : t('flows.draftOnly')}
                {f.latestVersion && f.draftChanges > 0
                  ? ` · ${t('flows.changed', { count: f.draftChanges })}`
                  : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="new-flow"
        onSubmit={(e) => {
          e.preventDefault();
          const tpl = TEMPLATES.find((x) => x.id === template)!;
          const id = slug.trim() || `${tpl.id}-${Date.now().toString(36)}`;
          void create({ ...structuredClone(tpl.flow), id });
        }}
      >
        <h2>{t('flows.newFromTemplate')}</h2>
        <label htmlFor="template">{t('flows.template')}</label>
        <select id="template" value={template} onChange={(e) => setTemplate(e.target.value)}>
          {TEMPLATES.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label[lang]}
            </option>
          ))}
        </select>
        <label htmlFor="slug">{t('flows.newId')}</label>
        <input
          id="slug"
          value={slug}
          pattern="[a-z0-9][a-z0-9\-]{0,63}"
          onChange={(e) => setSlug(e.target.value)}
        />
        <button type="submit">{t('flows.create')}</button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      <label className="button-like">
        ⬆ {t('flows.import')}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) void create(JSON.parse(await file.text()) as Flow);
          }}
        />
      </label>
    </main>
  );
}
