// The flow list: each flow with its state (published? unpublished changes?), open or duplicate it;
// a new flow from a template by its name (the id follows from the name), import JSON.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slugFromTitle } from '../../../engine/src/flow/format/slug';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { checkWorker } from '../check/useLiveCheck';
import { api, ApiFailure, type CreateFlowRequest, type FlowSummary } from '../api';
import { hrefOf, navigate } from '../routing/router';
import { useSession } from '../session';
import { openDraft, openOffline } from './autosave';
import { FlowNotifications } from './FlowNotifications';
import { TEMPLATES } from './templates';

function FlowState({ flow }: { flow: FlowSummary }) {
  const { t } = useTranslation();
  return (
    <span className="muted" data-testid="flow-state">
      {flow.latestVersion ? t('flows.published', { v: flow.latestVersion }) : t('flows.draftOnly')}
      {flow.latestVersion && flow.draftChanges > 0
        ? ` · ${t('flows.changed', { count: flow.draftChanges })}`
        : ''}
    </span>
  );
}

export function FlowList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const offline = useSession((s) => s.offline);
  // Who reads call notes may ask for an e-mail when a new one arrives (per flow).
  const canReadNotes = useSession((s) => s.me?.permissions.includes('calls:read') ?? false);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [template, setTemplate] = useState(TEMPLATES[0].id);
  const [name, setName] = useState('');
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

  /** With a server: the server makes the id unique; offline: the flow lives in this tab only. */
  const create = async (request: CreateFlowRequest, offlineFlow?: () => Flow) => {
    setError(null);
    if (offline) {
      if (!offlineFlow) return;
      openOffline(offlineFlow());
      return navigate({ name: 'editor', flowId: null });
    }
    try {
      const res = await api.createFlow(request);
      openDraft(res.draft);
      navigate({ name: 'editor', flowId: res.draft.flowId });
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    }
  };

  const duplicate = async (flow: FlowSummary) => {
    const draft = await api.getDraft(flow.id);
    await create({ flow: draft.document as Flow, name: t('flows.copyName', { name: flow.name }) });
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
              <FlowState flow={f} />{' '}
              <button type="button" className="link" onClick={() => void duplicate(f)}>
                {t('flows.duplicate')}
              </button>
              {canReadNotes && <FlowNotifications flowId={f.id} />}
            </li>
          ))}
        </ul>
      )}
      <form
        className="new-flow"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const title = name.trim();
          if (!title) return setError(t('flows.nameMissing'));
          const tpl = TEMPLATES.find((x) => x.id === template)!;
          void create({ template: tpl.id, name: title }, () => ({
            ...structuredClone(tpl.flow),
            id: slugFromTitle(title) || tpl.flow.id,
            name: title,
          }));
        }}
      >
        <h2>{t('flows.newFromTemplate')}</h2>
        <label htmlFor="new-flow-name">{t('flows.name')}</label>
        <input
          id="new-flow-name"
          value={name}
          maxLength={200}
          aria-invalid={error === t('flows.nameMissing')}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="template">{t('flows.template')}</label>
        <select id="template" value={template} onChange={(e) => setTemplate(e.target.value)}>
          {TEMPLATES.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label[lang]}
            </option>
          ))}
        </select>
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
            if (!file) return;
            const flow = JSON.parse(await file.text()) as Flow;
            // By its name: importing the same file twice gives a second flow, not an error.
            void create({ flow, name: flow.name }, () => flow);
          }}
        />
      </label>
    </main>
  );
}
