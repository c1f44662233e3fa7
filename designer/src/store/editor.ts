// The editor store (zustand): the open flow as a graph, selection, clipboard and undo/redo.
// Every edit goes through an action here, so history, autosave and live checking see all
// changes; `revision` counts them.
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';
import type { Flow, FlowNode, NodeKind } from '../../../engine/src/flow/format/schema';
import {
  CARD_SIZE,
  edgeId,
  flowToGraph,
  graphToFlow,
  type StepEdge,
  type StepGraphNode,
} from '../graph/convert';
import { withNewDetailDefaults } from '../nodes/intake/new-details';
import { definitionOf, REGISTRY } from '../nodes/registry';
import type { Lang } from '../nodes/types';
import { emptyHistory, record, redo, undo, type History, type Snapshot } from './history';
import { uniqueId } from './ids';

export interface EditorState extends Snapshot {
  /** Server id of the open flow; null when working offline. */
  flowId: string | null;
  revision: number;
  history: History;
  clipboard: { nodes: StepGraphNode[]; edges: StepEdge[] } | null;
  /** Node the test call is in (highlighted on the canvas). */
  activeNodeId: string | null;
  /** Node ids changed in the diff being looked at (highlighted on the canvas). */
  changedIds: ReadonlySet<string>;
  /** Bumped to ask the canvas to centre a node (problems list, test call). */
  focus: { id: string; n: number } | null;

  open(flow: Flow, flowId?: string | null): void;
  /** Replaces the whole flow as one edit (a rollback): undo brings the previous draft back. */
  replaceFlow(flow: Flow): void;
  /**
   * Takes over `next` as one edit where ids were renamed with their references (a step, detail,
   * option or trigger named anew): `renamedSteps` maps old step ids to new ones, so each card keeps
   * its place, size, selection and editor identity.
   */
  applyRenamed(
    next: Flow,
    renamedSteps: Readonly<Record<string, string>>,
    coalesce?: { stepId?: string; key: string },
  ): void;
  flow(): Flow;
  applyNodeChanges(changes: NodeChange<StepGraphNode>[]): void;
  applyEdgeChanges(changes: EdgeChange<StepEdge>[]): void;
  beginMove(): void;
  connect(c: Connection): void;
  disconnect(edgeIds: string[]): void;
  remove(nodeIds: string[], edgeIds: string[]): void;
  addStep(kind: NodeKind, lang: Lang, position?: { x: number; y: number }): string;
  updateNode(id: string, node: FlowNode, coalesceKey?: string): void;
  updateFlow(patch: (f: Flow) => Flow, coalesceKey?: string): void;
  setPositions(positions: Record<string, { x: number; y: number }>): void;
  /** `centre`: also scroll the canvas to the step (from a list of problems or changes). */
  select(id: string | null, options?: { centre?: boolean }): void;
  copy(): void;
  paste(): void;
  undo(): void;
  redo(): void;
  setActive(id: string | null): void;
  setChanged(ids: Iterable<string>): void;
}

const snapshot = (s: Snapshot): Snapshot => ({ base: s.base, nodes: s.nodes, edges: s.edges });

let editKeys = 0;
const newEditKey = (): string => `card-${++editKeys}`;
const withEditKeys = (nodes: StepGraphNode[]): StepGraphNode[] =>
  nodes.map((n) => (n.data.editKey ? n : { ...n, data: { ...n.data, editKey: newEditKey() } }));
/** Typing into one control of one card is one undo step, also while the card's id follows the title. */
const coalesceOn = (node: StepGraphNode | undefined, key: string): string =>
  `${node?.data.editKey ?? node?.id}:${key}`;

/** Drops edges whose outcome no longer exists (a removed branch option) or whose ends are gone. */
function validEdges(nodes: StepGraphNode[], edges: StepEdge[]): StepEdge[] {
  const handles = new Map(
    nodes.map((n) => [
      n.id,
      new Set(
        definitionOf(n.data.node)
          .outputs(n.data.node)
          .map((h) => h.id),
      ),
    ]),
  );
  return edges.filter((e) => handles.get(e.source)?.has(e.sourceHandle) && handles.has(e.target));
}

const GAP = 80;
const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < CARD_SIZE.initialWidth + GAP / 2 &&
  Math.abs(a.y - b.y) < CARD_SIZE.initialHeight + GAP / 2;

/** Right of the anchor (lower while that place is taken); without one, below the lowest card,
 * in the start's column — never far away or under the minimap's corner. */
function placeNew(nodes: StepGraphNode[], anchor: StepGraphNode | undefined, start: string) {
  const column = anchor ?? nodes.find((n) => n.id === start);
  const pos = anchor
    ? { x: anchor.position.x + CARD_SIZE.initialWidth + GAP, y: anchor.position.y }
    : { x: column?.position.x ?? 0, y: nodes.reduce((m, n) => Math.max(m, n.position.y), -200) + 220 };
  while (nodes.some((n) => overlaps(n.position, pos))) pos.y += CARD_SIZE.initialHeight + GAP;
  return pos;
}

/** The anchor's first way out that leads nowhere yet (a new step continues it). */
function openExit(anchor: StepGraphNode, edges: StepEdge[]): string | undefined {
  const used = new Set(edges.filter((e) => e.source === anchor.id).map((e) => e.sourceHandle));
  return definitionOf(anchor.data.node)
    .outputs(anchor.data.node)
    .find((h) => !used.has(h.id))?.id;
}

const EMPTY: Flow = {
  schemaVersion: 1,
  id: 'neu',
  name: 'Neuer Anrufablauf',
  language: 'de-DE',
  start: '',
  settings: {
    retention: { mode: 'immediate' },
    zeroPersistence: false,
    record: { transcript: false, callerNumber: false },
    dataCategories: [],
    businessHours: { timeZone: 'Europe/Berlin', weekly: {} },
    providers: { speech: 'google', understanding: 'openai', voice: 'elevenlabs' },
    delivery: { inbox: true },
  },
  triggers: [],
  humanEscape: { keywords: ['Mensch'], dtmf: '0', target: '' },
  nodes: {},
};

export const useEditor = create<EditorState>()((set, get) => {
  /** Applies a document change and records the previous state for undo. */
  const change = (next: Partial<Snapshot>, coalesceKey: string | null = null) =>
    set((s) => ({
      ...next,
      history: record(s.history, snapshot(s), coalesceKey),
      revision: s.revision + 1,
    }));

  let cache: { revision: number; flow: Flow } | null = null;

  return {
    base: EMPTY,
    nodes: [],
    edges: [],
    flowId: null,
    revision: 0,
    history: emptyHistory(),
    clipboard: null,
    activeNodeId: null,
    changedIds: new Set(),
    focus: null,

    open(flow, flowId = null) {
      const g = flowToGraph(flow);
      cache = null;
      set((s) => ({
        base: flow,
        nodes: withEditKeys(g.nodes),
        edges: g.edges,
        flowId,
        history: emptyHistory(),
        revision: s.revision + 1,
        activeNodeId: null,
        changedIds: new Set(),
      }));
    },

    replaceFlow(flow) {
      const g = flowToGraph(flow);
      change({ base: flow, nodes: withEditKeys(g.nodes), edges: g.edges });
    },

    applyRenamed(next, renamedSteps, coalesce) {
      const s = get();
      const g = flowToGraph(next);
      const fresh = new Map(g.nodes.map((n) => [n.id, n]));
      const nodes = s.nodes.map((old) => {
        const id = renamedSteps[old.id] ?? old.id;
        const now = fresh.get(id);
        return now ? { ...old, id, data: { ...old.data, node: now.data.node } } : old;
      });
      const key =
        coalesce &&
        (coalesce.stepId
          ? coalesceOn(
              s.nodes.find((n) => n.id === coalesce.stepId),
              coalesce.key,
            )
          : `flow:${coalesce.key}`);
      change({ base: next, nodes, edges: g.edges }, key ?? null);
    },

    flow() {
      const s = get();
      if (cache?.revision !== s.revision) cache = { revision: s.revision, flow: graphToFlow(s, s.base) };
      return cache.flow;
    },

    applyNodeChanges(changes) {
      // Removals go through remove() (one undo step); dimension/selection changes are not edits.
      const kept = changes.filter((c) => c.type !== 'remove');
      const moved = kept.some((c) => c.type === 'position' && c.position);
      set((s) => {
        let nodes = applyNodeChanges(kept, s.nodes);
        if (moved) {
          const ids = new Set(kept.filter((c) => c.type === 'position').map((c) => (c as { id: string }).id));
          nodes = nodes.map((n) =>
            ids.has(n.id) && !n.data.placed ? { ...n, data: { ...n.data, placed: true } } : n,
          );
        }
        return moved ? { nodes, revision: s.revision + 1 } : { nodes };
      });
    },

    applyEdgeChanges(changes) {
      const kept = changes.filter((c) => c.type === 'select');
      if (kept.length) set((s) => ({ edges: applyEdgeChanges(kept, s.edges) }));
    },

    beginMove() {
      set((s) => ({ history: record(s.history, snapshot(s)) }));
    },

    connect(c) {
      if (!c.source || !c.target || !c.sourceHandle) return;
      const id = edgeId(c.source, c.sourceHandle);
      const edge: StepEdge = { id, source: c.source, sourceHandle: c.sourceHandle, target: c.target };
      change({ edges: [...get().edges.filter((e) => e.id !== id), edge] });
    },

    disconnect(edgeIds) {
      const drop = new Set(edgeIds);
      change({ edges: get().edges.filter((e) => !drop.has(e.id)) });
    },

    remove(nodeIds, edgeIds) {
      const dropN = new Set(nodeIds);
      const dropE = new Set(edgeIds);
      const s = get();
      if (!dropN.size && !dropE.size) return;
      change({
        nodes: s.nodes.filter((n) => !dropN.has(n.id)),
        edges: s.edges.filter((e) => !dropE.has(e.id) && !dropN.has(e.source) && !dropN.has(e.target)),
      });
    },

    addStep(kind, lang, position) {
      const s = get();
      const def = REGISTRY[kind];
      const taken = new Set(s.nodes.map((n) => n.id));
      const id = uniqueId(def.idPrefix, (x) => taken.has(x));
      const selected = s.nodes.filter((n) => n.selected);
      // From the palette with one step selected: the new one goes beside it and continues it.
      const anchor = !position && selected.length === 1 ? selected[0] : undefined;
      const node: StepGraphNode = {
        id,
        type: 'step',
        ...CARD_SIZE,
        position: position ?? placeNew(s.nodes, anchor, s.base.start),
        data: {
          node: withNewDetailDefaults(def.create(lang), s.base.settings),
          placed: true,
          editKey: newEditKey(),
        },
        selected: true,
      };
      const nodes = [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
      const exit = anchor && openExit(anchor, s.edges);
      const edges = exit
        ? [...s.edges, { id: edgeId(anchor.id, exit), source: anchor.id, sourceHandle: exit, target: id }]
        : s.edges;
      change({ nodes, edges });
      // The very first step becomes the start of the call.
      if (!s.base.start || !taken.has(s.base.start)) set((st) => ({ base: { ...st.base, start: id } }));
      set({ focus: { id, n: Date.now() } });
      return id;
    },

    updateNode(id, node, coalesceKey) {
      const s = get();
      const nodes = s.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, node } } : n));
      // Edges stay the truth for targets (the form never sets them); a removed option drops its edge.
      change(
        { nodes, edges: validEdges(nodes, s.edges) },
        coalesceKey
          ? coalesceOn(
              s.nodes.find((n) => n.id === id),
              coalesceKey,
            )
          : null,
      );
    },

    updateFlow(patch, coalesceKey) {
      const s = get();
      change({ base: patch(s.base) }, coalesceKey ? `flow:${coalesceKey}` : null);
    },

    setPositions(positions) {
      const s = get();
      change({
        nodes: s.nodes.map((n) =>
          positions[n.id] ? { ...n, position: positions[n.id], data: { ...n.data, placed: true } } : n,
        ),
      });
    },

    select(id, { centre = false } = {}) {
      set((s) => ({
        nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
        focus: centre && id ? { id, n: Date.now() } : s.focus,
      }));
    },

    copy() {
      const s = get();
      const nodes = s.nodes.filter((n) => n.selected);
      const ids = new Set(nodes.map((n) => n.id));
      set({ clipboard: { nodes, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) } });
    },

    paste() {
      const s = get();
      if (!s.clipboard?.nodes.length) return;
      const taken = new Set(s.nodes.map((n) => n.id));
      const rename = new Map<string, string>();
      for (const n of s.clipboard.nodes) {
        const id = uniqueId(n.id, (x) => taken.has(x));
        taken.add(id);
        rename.set(n.id, id);
      }
      const pasted = s.clipboard.nodes.map((n) => ({
        ...n,
        id: rename.get(n.id)!,
        position: { x: n.position.x + 40, y: n.position.y + 40 },
        data: { ...n.data, placed: true, editKey: newEditKey() },
        selected: true,
      }));
      const edges = s.clipboard.edges.map((e) => {
        const source = rename.get(e.source)!;
        return { ...e, id: edgeId(source, e.sourceHandle), source, target: rename.get(e.target)! };
      });
      change({
        nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
        edges: [...s.edges, ...edges],
      });
    },

    undo() {
      const s = get();
      const r = undo(s.history, snapshot(s));
      if (r) set({ ...r.snapshot, history: r.history, revision: s.revision + 1 });
    },

    redo() {
      const s = get();
      const r = redo(s.history, snapshot(s));
      if (r) set({ ...r.snapshot, history: r.history, revision: s.revision + 1 });
    },

    setActive: (id) => set({ activeNodeId: id }),
    setChanged: (ids) => set({ changedIds: new Set(ids) }),
  };
});
