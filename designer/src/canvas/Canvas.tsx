// The canvas: React Flow bound to the editor store, with minimap, controls, drop-from-palette
// and keyboard shortcuts (Del, Ctrl+Z/Y, Ctrl+C/V; Ctrl+S is handled by the editor screen).
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type OnDelete } from '@xyflow/react';
import { useCallback, useEffect, useMemo, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeKind } from '../../../engine/src/flow/format/schema';
import type { StepEdge, StepGraphNode } from '../graph/convert';
import { definitionOf, REGISTRY } from '../nodes/registry';
import { useEditor } from '../store/editor';
import { canvasAria } from './aria';
import { NODE_TYPES } from './StepNode';
import { PALETTE_MIME } from './Palette';

const isTyping = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || !(e.ctrlKey || e.metaKey)) return;
      const s = useEditor.getState();
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) s.undo();
      else if (k === 'y' || (k === 'z' && e.shiftKey)) s.redo();
      else if (k === 'c') s.copy();
      else if (k === 'v') s.paste();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Centres the node the problems list or the test call asks for. */
function useFocus() {
  const focus = useEditor((s) => s.focus);
  const rf = useReactFlow();
  useEffect(() => {
    if (!focus) return;
    const n = rf.getNode(focus.id);
    if (!n) return;
    const w = n.measured?.width ?? 260;
    const h = n.measured?.height ?? 150;
    void rf.setCenter(n.position.x + w / 2, n.position.y + h / 2, {
      zoom: Math.max(rf.getZoom(), 0.9),
      duration: 250,
    });
  }, [focus, rf]);
}

/** Big flows open at the start, readable, instead of 500 unreadable cards at 5 % zoom. */
const BIG_FLOW = 150;

function startArea(): { id: string }[] {
  const s = useEditor.getState();
  const ids = new Set([s.base.start]);
  for (let depth = 0; depth < 2; depth++)
    for (const e of s.edges) if (ids.has(e.source) && ids.size < 8) ids.add(e.target);
  return [...ids].map((id) => ({ id }));
}

export function Canvas({ onStepClick }: { onStepClick?: () => void }) {
  const { t, i18n } = useTranslation();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const store = useEditor.getState;
  const rf = useReactFlow();
  const aria = useMemo(() => canvasAria(i18n.language === 'en' ? 'en' : 'de'), [i18n.language]);
  useShortcuts();
  useFocus();

  const onDelete: OnDelete<StepGraphNode, StepEdge> = useCallback(
    ({ nodes: n, edges: e }) =>
      store().remove(
        n.map((x) => x.id),
        e.map((x) => x.id),
      ),
    [store],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!(kind in REGISTRY)) return;
      e.preventDefault();
      const position = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      store().addStep(kind, i18n.language === 'en' ? 'en' : 'de', position);
    },
    [rf, store, i18n.language],
  );

  return (
    <div
      className="canvas"
      aria-label={t('editor.canvas')}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <ReactFlow<StepGraphNode, StepEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={(c) => store().applyNodeChanges(c)}
        onEdgesChange={(c) => store().applyEdgeChanges(c)}
        onConnect={(c) => store().connect(c)}
        onDelete={onDelete}
        onNodeDragStart={() => store().beginMove()}
        onNodeClick={onStepClick}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        fitView
        fitViewOptions={nodes.length > BIG_FLOW ? { nodes: startArea(), maxZoom: 1 } : undefined}
        minZoom={0.05}
        onlyRenderVisibleElements={nodes.length > BIG_FLOW}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={aria}
      >
        <Background gap={20} />
        <MiniMap
          pannable
          zoomable
          nodeColor={(n) => definitionOf((n as StepGraphNode).data.node).color}
          ariaLabel={aria['minimap.ariaLabel']}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
