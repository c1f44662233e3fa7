// Turns remove+add pairs into what a person did: a field moved to another step, or a step
// renamed (same content, new id). Without this, moving one question reads as two unrelated changes.
import type { Names } from './names';
import type { FlowChange } from './types';
import { changedLeaves, obj, pointer, sameValue } from './values';
import { fieldSubject, nodeSubject, propertyName, t, valueChange } from './words';

function fieldMoves(names: Names, changes: FlowChange[]): FlowChange[] {
  const out = [...changes];
  for (const added of changes.filter((c) => c.kind === 'field-added')) {
    const key = obj(added.after).key;
    const removedIndex = out.findIndex(
      (c) => c.kind === 'field-removed' && obj(c.before).key === key && c.nodeId !== added.nodeId,
    );
    if (removedIndex === -1 || typeof key !== 'string') continue;
    const removed = out[removedIndex];
    const [from, to] = [String(removed.nodeId), String(added.nodeId)];
    const moved: FlowChange = {
      kind: 'field-moved',
      nodeId: to,
      path: added.path,
      before: { nodeId: from },
      after: { nodeId: to },
      message: t(
        `Angabe ${names.field(to, key).de} von ${nodeSubject(names, from).de} nach ${names.node(to).de} verschoben`,
        `detail ${names.field(to, key).en} moved from ${nodeSubject(names, from).en} to ${names.node(to).en}`,
      ),
    };
    const edits = changedLeaves(removed.before, added.after).map((leaf): FlowChange => ({
      kind: 'field-changed',
      nodeId: to,
      path: added.path + pointer(...leaf.keys),
      before: leaf.before,
      after: leaf.after,
      message: valueChange(fieldSubject(names, to, key), propertyName(leaf.keys), leaf.before, leaf.after),
    }));
    out.splice(out.indexOf(added), 1, moved, ...edits);
    out.splice(out.indexOf(removed), 1);
  }
  return out;
}

function nodeRenames(names: Names, changes: FlowChange[]): FlowChange[] {
  let out = [...changes];
  const renamed = new Map<unknown, string>();
  for (const added of changes.filter((c) => c.kind === 'node-added')) {
    const removed = out.find((c) => c.kind === 'node-removed' && sameValue(c.before, added.after));
    if (!removed) continue;
    const [from, to] = [String(removed.nodeId), String(added.nodeId)];
    out.splice(out.indexOf(added), 1, {
      kind: 'node-renamed',
      nodeId: to,
      path: added.path,
      before: from,
      after: to,
      // Same content under a new id: for a person nothing changed but the id (integrators see it).
      message: t(
        `${nodeSubject(names, to).de}: Kennung für Integratoren von „${from}“ auf „${to}“ geändert`,
        `${nodeSubject(names, to).en}: integration id changed from "${from}" to "${to}"`,
      ),
    });
    out.splice(out.indexOf(removed), 1);
    renamed.set(from, to);
  }
  // An edge that only follows the new id is no change for a person: the same step, the same way.
  out = out.filter((c) => !(c.kind === 'edge-changed' && c.nodeId && renamed.get(c.before) === c.after));
  return out;
}

export const collapseMoves = (names: Names, changes: FlowChange[]): FlowChange[] =>
  nodeRenames(names, fieldMoves(names, changes));
