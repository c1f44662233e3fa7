// The editor's toolbar: draft vs. live with „Veröffentlichen“, undo/redo, layout, zoom to fit, copy/paste/delete, import/export.
import { useReactFlow } from '@xyflow/react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { canonicalJson } from '../../../engine/src/flow/index';
import type { Flow } from '../../../engine/src/flow/format/schema';
import { autoLayout } from '../canvas/layout';
import { DraftState } from '../panels/versions/DraftState';
import { download } from '../download';
import { useEditor } from '../store/editor';
import { SaveStatus } from './SaveStatus';

export async function arrange(): Promise<void> {
  const s = useEditor.getState();
  const positions = await autoLayout(
    s.nodes,
    s.edges,
    new Map(
      s.nodes.map((n) => [n.id, (n as { measured?: { width?: number; height?: number } }).measured ?? {}]),
    ),
  );
  useEditor.getState().setPositions(positions);
}

export function Toolbar() {
  const { t } = useTranslation();
  const rf = useReactFlow();
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const fileRef = useRef<HTMLInputElement>(null);
  const s = useEditor.getState;
  const selectedCount = useEditor((st) => st.nodes.reduce((n, x) => n + (x.selected ? 1 : 0), 0));
  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <button type="button" onClick={() => s().undo()} disabled={!canUndo} title="Strg+Z">
        ↶ {t('editor.undo')}
      </button>
      <button type="button" onClick={() => s().redo()} disabled={!canRedo} title="Strg+Y">
        ↷ {t('editor.redo')}
      </button>
      <button type="button" onClick={() => s().copy()} disabled={!selectedCount} title="Strg+C">
        {t('editor.copy')}
      </button>
      <button type="button" onClick={() => s().paste()} title="Strg+V">
        {t('editor.paste')}
      </button>
      <button
        type="button"
        disabled={!selectedCount}
        title="Entf"
        onClick={() => {
          const st = s();
          st.remove(
            st.nodes.filter((n) => n.selected).map((n) => n.id),
            st.edges.filter((e) => e.selected).map((e) => e.id),
          );
        }}
      >
        {t('editor.delete')}
      </button>
      <button
        type="button"
        onClick={async () => {
          await arrange();
          requestAnimationFrame(() => void rf.fitView({ duration: 300 }));
        }}
      >
        ⇅ {t('editor.layout')}
      </button>
      <button type="button" onClick={() => void rf.fitView({ duration: 300 })}>
        ⤢ {t('editor.fit')}
      </button>
      <button
        type="button"
        data-testid="export-json"
        onClick={() => {
          const flow = s().flow();
          download(`${flow.id}.flow.json`, canonicalJson(flow), 'application/json');
        }}
      >
        ⬇ {t('editor.export')}
      </button>
      <button type="button" onClick={() => fileRef.current?.click()}>
        ⬆ {t('editor.import')}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label={t('editor.import')}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          const flow = JSON.parse(await file.text()) as Flow;
          // Keeps the open flow's server id: importing replaces the draft's content.
          const st = s();
          st.open(flow, st.flowId);
          e.target.value = '';
        }}
      />
      <SaveStatus />
      <DraftState />
      <span className="shortcuts muted">{t('editor.shortcuts')}</span>
    </div>
  );
}
