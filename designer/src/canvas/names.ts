// What a screen reader says for the canvas: each card is a „Schritt" named by its title, kind,
// whether the call starts there and its problems (the text is in the card, see StepNode); each
// connection is „Verbindung von Begrüßung (Ja) nach Termin" — titles, never ids. Making or
// removing a connection is announced.
import { useEffect, useMemo } from 'react';
import { announce } from '../a11y/announce';
import type { StepEdge, StepGraphNode } from '../graph/convert';
import { i18next } from '../i18n';
import { definitionOf } from '../nodes/registry';
import { pick, type Lang } from '../nodes/types';
import { useEditor } from '../store/editor';

/** Id of the hidden text in a card that names it (xyflow puts `aria-labelledby` on the wrapper). */
export const cardLabelId = (id: string) => `step-name-${id}`;

// Same node object in, same object out: xyflow re-processes a node only when its object changes.
const cardCache = new WeakMap<StepGraphNode, { lang: Lang; node: StepGraphNode }>();

export function namedCards(nodes: StepGraphNode[], lang: Lang): StepGraphNode[] {
  const role = i18next.t('access.step', { lng: lang });
  return nodes.map((n) => {
    const hit = cardCache.get(n);
    if (hit?.lang === lang) return hit.node;
    const node = {
      ...n,
      domAttributes: { 'aria-labelledby': cardLabelId(n.id), 'aria-roledescription': role },
    };
    cardCache.set(n, { lang, node });
    return node;
  });
}

/** Exit label of a connection's source, in the UI language. */
function exitLabel(source: StepGraphNode | undefined, handle: string, lang: Lang): string {
  if (!source) return handle;
  const out = definitionOf(source.data.node)
    .outputs(source.data.node)
    .find((h) => h.id === handle);
  return out ? pick(out.label, lang) : handle;
}

type Titles = ReadonlyMap<string, StepGraphNode>;
/** A step as people know it: its title, else its kind („Ansage") — never its id. */
export function stepName(node: StepGraphNode | undefined, lang: Lang): string {
  return node ? (node.data.node.title ?? pick(definitionOf(node.data.node).label, lang)) : '';
}
const title = (byId: Titles, id: string, lang: Lang) => stepName(byId.get(id), lang);

function edgeWords(e: StepEdge, byId: Titles, lang: Lang) {
  return {
    from: title(byId, e.source, lang),
    exit: exitLabel(byId.get(e.source), e.sourceHandle, lang),
    to: title(byId, e.target, lang),
  };
}

/** A connection as the canvas draws it: with what a screen reader says for it. */
export interface NamedEdge extends StepEdge {
  ariaLabel: string;
  domAttributes: { 'aria-roledescription': string };
}

/** The connections with their spoken names and role word (pure). */
export function namedEdges(edges: StepEdge[], nodes: StepGraphNode[], lang: Lang): NamedEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const role = i18next.t('access.connection', { lng: lang });
  return edges.map((e) => ({
    ...e,
    ariaLabel: i18next.t('access.edge', { ...edgeWords(e, byId, lang), lng: lang }),
    domAttributes: { 'aria-roledescription': role },
  }));
}

/** The connections named; recomputed only when an edge or a title changes. */
export function useNamedEdges(edges: StepEdge[], lang: Lang): NamedEdge[] {
  // A key of the titles only: moving a card must not rename (and so re-create) every edge.
  const titles = useEditor((s) => s.nodes.map((n) => `${n.id}\u0000${n.data.node.title ?? ''}`).join('\n'));
  return useMemo(
    () => namedEdges(edges, useEditor.getState().nodes, lang),
    // `titles` stands for the node titles read inside.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [edges, titles, lang],
  );
}

/** Announces a connection made or removed (by any means: keys, mouse, inspector, undo). */
export function useConnectionAnnouncements(): void {
  useEffect(
    () =>
      useEditor.subscribe((s, prev) => {
        if (s.edges === prev.edges || s.flowId !== prev.flowId || s.nodes.length !== prev.nodes.length)
          return;
        const lang: Lang = i18next.language === 'en' ? 'en' : 'de';
        const byId = new Map(s.nodes.map((n) => [n.id, n]));
        const before = new Map(prev.edges.map((e) => [e.id, e.target]));
        const now = new Set(s.edges.map((e) => e.id));
        const made = s.edges.find((e) => before.get(e.id) !== e.target);
        const gone = prev.edges.find((e) => !now.has(e.id));
        if (made) announce(i18next.t('access.connected', edgeWords(made, byId, lang)));
        else if (gone) announce(i18next.t('access.disconnected', edgeWords(gone, byId, lang)));
      }),
    [],
  );
}
