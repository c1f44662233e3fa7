// The canvas: React Flow bound to the editor store, opening readable around the start, with an
// optional minimap, controls, connections dropped anywhere on a card, drop-from-palette
// and keyboard shortcuts (Del, Ctrl+Z/Y, Ctrl+C/V; Ctrl+S is handled by the editor screen).
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type OnConnectEnd,
  type OnDelete,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeKind } from '../../../engine/src/flow/format/schema';
import type { StepEdge, StepGraphNode } from '../graph/convert';
import { definitionOf, REGISTRY } from '../nodes/registry';
import { useEditor } from '../store/editor';
import { canvasAria } from './aria';
import { firstView } from './firstView';
import { NODE_TYPES } from './StepNode';
import { PALETTE_MIME } from './Palette';
import { useScrollAsPan } from './scrollAsPan';
import { openConnectDialog } from './ConnectDialog';
import { namedCards, useConnectionAnnouncements, useNamedEdges } from './names';

const isTyping = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const s = useEditor.getState();
      if (!(e.ctrlKey || e.metaKey || e.altKey) && e.key.toLowerCase() === 'v') {
        // „Verbinden mit …" for the one selected step (not while another dialog is open).
        const selected = s.nodes.filter((n) => n.selected);
        if (selected.length !== 1 || document.querySelector('[role="dialog"]')) return;
        e.preventDefault();
        openConnectDialog(selected[0].id);
        return;
      }
      if (!(e.ctrlKey || e.metaKey)) return;
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

/** Big flows render only what is on screen. */
const BIG_FLOW = 150;

/** Once the cards are measured: open at a readable zoom around the start (or the whole flow when
 * it fits). Only the first time — later the user's own view stays. Returns whether that view is
 * applied: until then the cards stand at a place they are about to leave, so the canvas keeps
 * them hidden (`data-view`), and a click can never land on a card that moves away under it. */
function useFirstView(): boolean {
  const rf = useReactFlow<StepGraphNode, StepEdge>();
  const initialized = useNodesInitialized();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const empty = useEditor((s) => s.nodes.length === 0);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready || width === 0 || height === 0) return;
    // An empty flow has nothing to measure and nothing to place.
    if (empty) return setReady(true);
    if (!initialized) return;
    const s = useEditor.getState();
    const view = firstView(rf.getNodes(), s.edges, s.base.start, { width, height });
    if (!view) return;
    void rf.setViewport(view).then(() => setReady(true));
  }, [ready, empty, initialized, width, height, rf]);
  return ready;
}

const MINIMAP_KEY = 'callflow.minimap';

/** The overview map is off unless wanted (it covers the corner where cards may be). */
function useMinimapToggle(): [boolean, () => void] {
  const [shown, setShown] = useState(() => {
    try {
      return localStorage.getItem(MINIMAP_KEY) === 'on';
    } catch {
      return false;
    }
  });
  const toggle = () =>
    setShown((v) => {
      try {
        localStorage.setItem(MINIMAP_KEY, v ? 'off' : 'on');
      } catch {
        // private mode: the choice is not remembered
      }
      return !v;
    });
  return [shown, toggle];
}

/** A connection dropped anywhere on a card (not only on its small input) connects to that card. */
const onConnectEnd: OnConnectEnd = (event, state) => {
  if (state.isValid || !state.fromNode || !state.fromHandle?.id) return;
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  const card = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
  const target = card?.getAttribute('data-id');
  if (!target || target === state.fromNode.id) return;
  useEditor.getState().connect({
    source: state.fromNode.id,
    sourceHandle: state.fromHandle.id,
    target,
    targetHandle: null,
  });
};

export function Canvas({ onStepClick }: { onStepClick?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const storeNodes = useEditor((s) => s.nodes);
  const nodes = useMemo(() => namedCards(storeNodes, lang), [storeNodes, lang]);
  const edges = useNamedEdges(
    useEditor((s) => s.edges),
    lang,
  );
  const store = useEditor.getState;
  const rf = useReactFlow();
  const aria = useMemo(() => canvasAria(lang), [lang]);
  const [minimap, toggleMinimap] = useMinimapToggle();
  useShortcuts();
  useFocus();
  const viewReady = useFirstView();
  const canvasRef = useRef<HTMLDivElement>(null);
  useScrollAsPan(canvasRef);
  useConnectionAnnouncements();

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
      ref={canvasRef}
      className="canvas"
      data-view={viewReady ? 'ready' : 'pending'}
      role="region"
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
        onConnectEnd={onConnectEnd}
        onDelete={onDelete}
        onNodeDragStart={() => store().beginMove()}
        onNodeClick={onStepClick}
        deleteKeyCode={['Delete', 'Backspace']}
        // Connections stay out of the Tab order (20 cards are enough to tab through); they are
        // named for screen readers and connected or removed by keys in „Verbinden mit …".
        edgesFocusable={false}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        minZoom={0.05}
        onlyRenderVisibleElements={nodes.length > BIG_FLOW}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={aria}
      >
        <Background gap={20} />
        {minimap && (
          <MiniMap
            pannable
            zoomable
            nodeColor={(n) => definitionOf((n as StepGraphNode).data.node).color}
            ariaLabel={aria['minimap.ariaLabel']}
          />
        )}
        <Controls showInteractive={false}>
          <ControlButton
            onClick={toggleMinimap}
            aria-pressed={minimap}
            title={t(minimap ? 'editor.minimapHide' : 'editor.minimapShow')}
            aria-label={t(minimap ? 'editor.minimapHide' : 'editor.minimapShow')}
          >
            ▦
          </ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}
