// The editor screen: palette | canvas | side panels, with the check and the privacy sheet
// always visible below the canvas.
import { ReactFlowProvider } from '@xyflow/react';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Announcer } from '../a11y/announce';
import { Canvas } from '../canvas/Canvas';
import { ConnectDialog } from '../canvas/ConnectDialog';
import { Palette } from '../canvas/Palette';
import { useLiveCheck } from '../check/useLiveCheck';
import { Inspector } from '../inspector/Inspector';
import { AnalyticsPanel } from '../panels/analytics/AnalyticsPanel';
import { TestChat } from '../panels/chat/TestChat';
import { PrivacySheet } from '../panels/privacy/PrivacySheet';
import { Problems } from '../panels/Problems';
import { FactsPanel } from '../panels/FactsPanel';
import { SettingsPanel } from '../panels/SettingsPanel';
import { TriggersPanel } from '../panels/TriggersPanel';
import { VersionsPanel } from '../panels/versions/VersionsPanel';
import { useOpenFlow, useStepInAddress, type EditorScreen } from '../routing/editorRoute';
import { EDITOR_PANELS, type EditorPanel } from '../routing/routes';
import { hrefOf, updateEditor } from '../routing/router';
import { useEditor } from '../store/editor';
import { useAutosave } from './autosave';
import { ConflictDialog } from './SaveStatus';
import { Toolbar } from './Toolbar';

function TabPanel({ tab }: { tab: EditorPanel }): ReactNode {
  switch (tab) {
    case 'inspector':
      return <Inspector />;
    case 'settings':
      return <SettingsPanel />;
    case 'triggers':
      return <TriggersPanel />;
    case 'facts':
      return <FactsPanel />;
    case 'chat':
      return <TestChat />;
    case 'versions':
      return <VersionsPanel />;
    case 'analytics':
      return <AnalyticsPanel />;
  }
}

/** The flow the address names is not there (deleted, or another organisation's). */
function NotOpened({ state }: { state: 'loading' | 'missing' | 'failed' }) {
  const { t } = useTranslation();
  if (state === 'loading') return <main className="flow-list muted">{t('editor.loading')}</main>;
  return (
    <main className="flow-list">
      <p role="alert" className="error">
        {t(state === 'missing' ? 'editor.missing' : 'editor.loadFailed')}
      </p>
      <a href={hrefOf({ name: 'flows' })}>{t('nav.back')}</a>
    </main>
  );
}

export function Editor({ screen }: { screen: EditorScreen }) {
  const opened = useOpenFlow(screen.flowId);
  useStepInAddress(screen, opened === 'ready');
  return opened === 'ready' ? <OpenEditor screen={screen} /> : <NotOpened state={opened} />;
}

function OpenEditor({ screen }: { screen: EditorScreen }) {
  const { t } = useTranslation();
  const tab = screen.panel ?? 'inspector';
  const setTab = (panel: EditorPanel) => updateEditor({ panel, compare: undefined });
  const name = useEditor((s) => s.base.name);
  useLiveCheck();
  useAutosave();
  return (
    <ReactFlowProvider>
      <div className="editor">
        <div className="editor-head">
          <h1 className="flow-name">{name}</h1>
          <Toolbar />
        </div>
        <Palette />
        <main className="editor-main">
          <Canvas onStepClick={() => tab !== 'chat' && setTab('inspector')} />
          <div className="below-canvas">
            <Problems />
            <PrivacySheet />
          </div>
        </main>
        <aside className="side">
          <div role="tablist" aria-label={t('editor.panels')} className="tabs">
            {EDITOR_PANELS.map((x) => (
              <button
                key={x}
                type="button"
                role="tab"
                id={`tab-${x}`}
                aria-selected={tab === x}
                aria-controls={`panel-${x}`}
                className={tab === x ? 'active' : ''}
                onClick={() => setTab(x)}
              >
                {t(`tabs.${x}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
            <TabPanel tab={tab} />
          </div>
        </aside>
        <ConflictDialog />
        <ConnectDialog />
        <Announcer />
      </div>
    </ReactFlowProvider>
  );
}
