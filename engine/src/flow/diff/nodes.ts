// Changes to the nodes: added and removed nodes, changed texts and settings, re-pointed edges,
// and fields and branch options matched by their key / id (so reordering is not "everything changed").
import type { Names } from './names';
import type { FlowChange } from './types';
import {
  arr,
  changedLeaves,
  matchById,
  obj,
  pointer,
  sameValue,
  text,
  type Json,
  type Leaf,
  type Match,
} from './values';
import {
  fieldSubject,
  kindName,
  nodeSubject,
  optionSubject,
  propertyName,
  t,
  valueChange,
  valueWords,
} from './words';

/** Properties whose value is the id of the next node. */
const EDGE_KEYS = new Set(['next', 'default']);

const isEdge = (keys: string[]): boolean => EDGE_KEYS.has(keys[0] ?? '');

/** The exit an edge leaves by: `next` → the step's only way on (no name), `next.no` → `no`, `default`. */
const exitOf = (keys: string[]): string | undefined =>
  keys[0] === 'next' ? keys[1] : keys.length === 1 ? keys[0] : keys.join('.');

/** "Schritt „Begrüßung“, Ausgang „Nein“ führt jetzt zu „Weiterleitung“ (vorher „Ende“)". */
function edgeChange(
  names: Names,
  nodeId: string,
  exit: string | undefined,
  path: string,
  before: unknown,
  after: unknown,
): FlowChange {
  const words = (v: unknown): { de: string; en: string } =>
    v === '' ? t('keinen Schritt', 'no step') : typeof v === 'string' ? names.node(v) : valueWords(v);
  const from = nodeSubject(names, nodeId);
  const way = exit ? names.exit(nodeId, exit) : undefined;
  const [a, b] = [words(after), words(before)];
  const message = way
    ? t(
        `${from.de}, Ausgang ${way.de}: führt jetzt zu ${a.de} (vorher ${b.de})`,
        `${from.en}, exit ${way.en}: now goes to ${a.en} (was ${b.en})`,
      )
    : t(`${from.de} führt jetzt zu ${a.de} (vorher ${b.de})`, `${from.en} now goes to ${a.en} (was ${b.en})`);
  return { kind: 'edge-changed', nodeId, path, before, after, message };
}

function nodeLeafChange(names: Names, nodeId: string, leaf: Leaf): FlowChange {
  const path = pointer('nodes', nodeId, ...leaf.keys);
  if (isEdge(leaf.keys)) return edgeChange(names, nodeId, exitOf(leaf.keys), path, leaf.before, leaf.after);
  const message = valueChange(nodeSubject(names, nodeId), propertyName(leaf.keys), leaf.before, leaf.after);
  return { kind: 'node-changed', nodeId, path, before: leaf.before, after: leaf.after, message };
}

function diffFields(names: Names, nodeId: string, before: unknown, after: unknown): FlowChange[] {
  const out: FlowChange[] = [];
  const matches = matchById(arr(before), arr(after), (f) => f.key);
  for (const m of matches) {
    const index = m.after ? m.afterIndex : m.beforeIndex;
    const path = pointer('nodes', nodeId, 'fields', index);
    if (!m.before && m.after) {
      out.push({
        kind: 'field-added',
        nodeId,
        path,
        after: m.after,
        message: t(
          `${nodeSubject(names, nodeId).de} hat die neue Angabe ${names.field(nodeId, m.id).de}`,
          `${nodeSubject(names, nodeId).en} gained the detail ${names.field(nodeId, m.id).en}`,
        ),
      });
    } else if (m.before && !m.after) {
      out.push({
        kind: 'field-removed',
        nodeId,
        path,
        before: m.before,
        message: t(
          `${nodeSubject(names, nodeId).de}: Angabe ${names.field(nodeId, m.id).de} entfernt`,
          `${nodeSubject(names, nodeId).en} lost the detail ${names.field(nodeId, m.id).en}`,
        ),
      });
    } else {
      for (const leaf of changedLeaves(m.before, m.after)) {
        const message = valueChange(
          fieldSubject(names, nodeId, m.id),
          propertyName(leaf.keys),
          leaf.before,
          leaf.after,
        );
        out.push({
          kind: 'field-changed',
          nodeId,
          path: path + pointer(...leaf.keys),
          before: leaf.before,
          after: leaf.after,
          message,
        });
      }
    }
  }
  out.push(
    ...reorder(
      names,
      nodeId,
      'fields',
      matches,
      t('Reihenfolge der Angaben geändert', 'order of details changed'),
    ),
  );
  return out;
}

function reorder(
  names: Names,
  nodeId: string,
  list: string,
  matches: Match[],
  words: { de: string; en: string },
): FlowChange[] {
  const kept = matches.filter((m) => m.before && m.after);
  const beforeOrder = [...kept].sort((x, y) => x.beforeIndex - y.beforeIndex).map((m) => m.id);
  const afterOrder = kept.map((m) => m.id);
  if (sameValue(beforeOrder, afterOrder)) return [];
  const kind = list === 'fields' ? 'fields-reordered' : 'option-changed';
  return [
    {
      kind,
      nodeId,
      path: pointer('nodes', nodeId, list),
      before: beforeOrder,
      after: afterOrder,
      message: t(
        `${nodeSubject(names, nodeId).de}: ${words.de}`,
        `${nodeSubject(names, nodeId).en}: ${words.en}`,
      ),
    },
  ];
}

function diffOptions(names: Names, nodeId: string, before: unknown, after: unknown): FlowChange[] {
  const out: FlowChange[] = [];
  const matches = matchById(arr(before), arr(after), (o) => o.id);
  for (const m of matches) {
    const index = m.after ? m.afterIndex : m.beforeIndex;
    const path = pointer('nodes', nodeId, 'options', index);
    if (!m.before && m.after) {
      const to = names.node(text(m.after.next));
      out.push({
        kind: 'option-added',
        nodeId,
        path,
        after: m.after,
        message: t(
          `Weiche ${names.node(nodeId).de} hat die neue Möglichkeit ${names.option(nodeId, m.id).de} (führt zu ${to.de})`,
          `branch ${names.node(nodeId).en} gained the option ${names.option(nodeId, m.id).en} (goes to ${to.en})`,
        ),
      });
    } else if (m.before && !m.after) {
      out.push({
        kind: 'option-removed',
        nodeId,
        path,
        before: m.before,
        message: t(
          `Weiche ${names.node(nodeId).de}: Möglichkeit ${names.option(nodeId, m.id).de} entfernt`,
          `branch ${names.node(nodeId).en} lost the option ${names.option(nodeId, m.id).en}`,
        ),
      });
    } else {
      for (const leaf of changedLeaves(m.before, m.after)) {
        const leafPath = path + pointer(...leaf.keys);
        if (leaf.keys[0] === 'next')
          out.push(edgeChange(names, nodeId, m.id, leafPath, leaf.before, leaf.after));
        else
          out.push({
            kind: 'option-changed',
            nodeId,
            path: leafPath,
            before: leaf.before,
            after: leaf.after,
            message: valueChange(
              optionSubject(names, nodeId, m.id),
              propertyName(leaf.keys),
              leaf.before,
              leaf.after,
            ),
          });
      }
    }
  }
  out.push(
    ...reorder(
      names,
      nodeId,
      'options',
      matches,
      t('Reihenfolge der Möglichkeiten geändert', 'order of options changed'),
    ),
  );
  return out;
}

function diffNode(names: Names, nodeId: string, before: Json, after: Json): FlowChange[] {
  if (before.kind !== after.kind) {
    const [b, a] = [kindName(before.kind), kindName(after.kind)];
    return [
      {
        kind: 'node-changed',
        nodeId,
        path: pointer('nodes', nodeId, 'kind'),
        before: before.kind,
        after: after.kind,
        message: t(
          `${nodeSubject(names, nodeId).de}: Art von ${b.de} zu ${a.de} geändert`,
          `${nodeSubject(names, nodeId).en}: kind changed from ${b.en} to ${a.en}`,
        ),
      },
    ];
  }
  const { fields: bf, options: bo, ...bRest } = before;
  const { fields: af, options: ao, ...aRest } = after;
  return [
    ...changedLeaves(bRest, aRest).map((leaf) => nodeLeafChange(names, nodeId, leaf)),
    ...diffFields(names, nodeId, bf, af),
    ...diffOptions(names, nodeId, bo, ao),
  ];
}

export function diffNodes(names: Names, beforeNodes: unknown, afterNodes: unknown): FlowChange[] {
  const before = obj(beforeNodes);
  const after = obj(afterNodes);
  const out: FlowChange[] = [];
  for (const [id, node] of Object.entries(after)) {
    const kind = kindName(obj(node).kind);
    if (!(id in before)) {
      out.push({
        kind: 'node-added',
        nodeId: id,
        path: pointer('nodes', id),
        after: node,
        message: t(
          `${nodeSubject(names, id).de} (${kind.de}) hinzugefügt`,
          `${nodeSubject(names, id).en} (${kind.en}) added`,
        ),
      });
    } else {
      out.push(...diffNode(names, id, obj(before[id]), obj(node)));
    }
  }
  for (const [id, node] of Object.entries(before)) {
    if (id in after) continue;
    const kind = kindName(obj(node).kind);
    out.push({
      kind: 'node-removed',
      nodeId: id,
      path: pointer('nodes', id),
      before: node,
      message: t(
        `${nodeSubject(names, id).de} (${kind.de}) entfernt`,
        `${nodeSubject(names, id).en} (${kind.en}) removed`,
      ),
    });
  }
  return out;
}
