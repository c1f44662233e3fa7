// Turns remove+add pairs into what a person did: a field moved to another step, or a step
// renamed (same content, new id). Without this, moving one question reads as two unrelated changes.
import type { FlowChange } from './types';
import { changedLeaves, obj, pointer, sameValue } from './values';
import { fieldSubject, propertyName, t, valueChange } from './words';

function fieldMoves(changes: FlowChange[]): FlowChange[] {
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
        `Angabe \`${key}\` von Schritt \`${from}\` nach \`${to}\` verschoben`,
        `field \`${key}\` moved from node \`${from}\` to \`${to}\``,
      ),
    };
    const edits = changedLeaves(removed.before, added.after).map((leaf): FlowChange => ({
      kind: 'field-changed',
      nodeId: to,
      path: added.path + pointer(...leaf.keys),
      before: leaf.before,
      after: leaf.after,
      message: valueChange(fieldSubject(to, key), propertyName(leaf.keys), leaf.before, leaf.after),
    }));
    out.splice(out.indexOf(added), 1, moved, ...edits);
    out.splice(out.indexOf(removed), 1);
  }
  return out;
}

function nodeRenames(changes: FlowChange[]): FlowChange[] {
  const out = [...changes];
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
      message: t(`Schritt \`${from}\` heißt jetzt \`${to}\``, `node \`${from}\` renamed to \`${to}\``),
    });
    out.splice(out.indexOf(removed), 1);
  }
  return out;
}

export const collapseMoves = (changes: FlowChange[]): FlowChange[] => nodeRenames(fieldMoves(changes));
