// Changes to the nodes: added and removed nodes, changed texts and settings, re-pointed edges,
// and fields and branch options matched by their key / id (so reordering is not "everything changed").
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

/** `begruessung.no`, `anliegen`, `art.default`: how an edge is named in a sentence. */
const edgeName = (nodeId: string, keys: string[]): string =>
  keys[0] === 'next' ? [nodeId, ...keys.slice(1)].join('.') : [nodeId, ...keys].join('.');

function edgeChange(nodeId: string, edge: string, path: string, before: unknown, after: unknown): FlowChange {
  const words = (v: unknown, lang: 'de' | 'en') => (typeof v === 'string' ? `\`${v}\`` : valueWords(v)[lang]);
  const message = t(
    `Verbindung \`${edge}\` führt jetzt zu ${words(after, 'de')} (vorher ${words(before, 'de')})`,
    `edge \`${edge}\` now goes to ${words(after, 'en')} (was ${words(before, 'en')})`,
  );
  return { kind: 'edge-changed', nodeId, path, before, after, message };
}

function nodeLeafChange(nodeId: string, leaf: Leaf): FlowChange {
  const path = pointer('nodes', nodeId, ...leaf.keys);
  if (isEdge(leaf.keys))
    return edgeChange(nodeId, edgeName(nodeId, leaf.keys), path, leaf.before, leaf.after);
  const message = valueChange(nodeSubject(nodeId), propertyName(leaf.keys), leaf.before, leaf.after);
  return { kind: 'node-changed', nodeId, path, before: leaf.before, after: leaf.after, message };
}

function diffFields(nodeId: string, before: unknown, after: unknown): FlowChange[] {
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
          `Schritt \`${nodeId}\` hat die neue Angabe \`${m.id}\``,
          `node \`${nodeId}\` gained field \`${m.id}\``,
        ),
      });
    } else if (m.before && !m.after) {
      out.push({
        kind: 'field-removed',
        nodeId,
        path,
        before: m.before,
        message: t(
          `Schritt \`${nodeId}\`: Angabe \`${m.id}\` entfernt`,
          `node \`${nodeId}\` lost field \`${m.id}\``,
        ),
      });
    } else {
      for (const leaf of changedLeaves(m.before, m.after)) {
        const message = valueChange(
          fieldSubject(nodeId, m.id),
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
    ...reorder(nodeId, 'fields', matches, t('Reihenfolge der Angaben geändert', 'order of fields changed')),
  );
  return out;
}

function reorder(
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
      message: t(`Schritt \`${nodeId}\`: ${words.de}`, `node \`${nodeId}\`: ${words.en}`),
    },
  ];
}

function diffOptions(nodeId: string, before: unknown, after: unknown): FlowChange[] {
  const out: FlowChange[] = [];
  const matches = matchById(arr(before), arr(after), (o) => o.id);
  for (const m of matches) {
    const index = m.after ? m.afterIndex : m.beforeIndex;
    const path = pointer('nodes', nodeId, 'options', index);
    if (!m.before && m.after) {
      const to = text(m.after.next);
      out.push({
        kind: 'option-added',
        nodeId,
        path,
        after: m.after,
        message: t(
          `Weiche \`${nodeId}\` hat die neue Möglichkeit \`${m.id}\` (führt zu \`${to}\`)`,
          `branch \`${nodeId}\` gained option \`${m.id}\` (goes to \`${to}\`)`,
        ),
      });
    } else if (m.before && !m.after) {
      out.push({
        kind: 'option-removed',
        nodeId,
        path,
        before: m.before,
        message: t(
          `Weiche \`${nodeId}\`: Möglichkeit \`${m.id}\` entfernt`,
          `branch \`${nodeId}\` lost option \`${m.id}\``,
        ),
      });
    } else {
      for (const leaf of changedLeaves(m.before, m.after)) {
        const leafPath = path + pointer(...leaf.keys);
        if (leaf.keys[0] === 'next')
          out.push(edgeChange(nodeId, `${nodeId}.${m.id}`, leafPath, leaf.before, leaf.after));
        else
          out.push({
            kind: 'option-changed',
            nodeId,
            path: leafPath,
            before: leaf.before,
            after: leaf.after,
            message: valueChange(
              optionSubject(nodeId, m.id),
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
      nodeId,
      'options',
      matches,
      t('Reihenfolge der Möglichkeiten geändert', 'order of options changed'),
    ),
  );
  return out;
}

function diffNode(nodeId: string, before: Json, after: Json): FlowChange[] {
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
          `Schritt \`${nodeId}\`: Art von ${b.de} zu ${a.de} geändert`,
          `node \`${nodeId}\` changed kind from ${b.en} to ${a.en}`,
        ),
      },
    ];
  }
  const { fields: bf, options: bo, ...bRest } = before;
  const { fields: af, options: ao, ...aRest } = after;
  return [
    ...changedLeaves(bRest, aRest).map((leaf) => nodeLeafChange(nodeId, leaf)),
    ...diffFields(nodeId, bf, af),
    ...diffOptions(nodeId, bo, ao),
  ];
}

export function diffNodes(beforeNodes: unknown, afterNodes: unknown): FlowChange[] {
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
        message: t(`Schritt \`${id}\` (${kind.de}) hinzugefügt`, `node \`${id}\` (${kind.en}) added`),
      });
    } else {
      out.push(...diffNode(id, obj(before[id]), obj(node)));
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
      message: t(`Schritt \`${id}\` (${kind.de}) entfernt`, `node \`${id}\` (${kind.en}) removed`),
    });
  }
  return out;
}
