// Semantic diff of two flows: what changed in the logic, as sentences for a pull request and as
// structured changes for tools. Pure. `layout` and `$schema` are ignored entirely: moving a node
// on the canvas is not a change of the call flow (the content hash ignores them too).
import type { Flow } from '../format/schema';
import { collapseMoves } from './moves';
import { namesOf, type Names } from './names';
import { diffFacts } from './facts';
import { diffNodes } from './nodes';
import { diffSettings } from './settings';
import type { FlowChange } from './types';
import { arr, changedLeaves, matchById, obj, pointer, text } from './values';
import { escapeSubject, propertyName, t, triggerSubject, valueChange } from './words';

/** Top-level parts with their own diff, or (layout, $schema) not logic at all. */
const SECTIONS = new Set(['settings', 'triggers', 'humanEscape', 'facts', 'nodes', 'layout', '$schema']);

function diffMeta(
  names: Names,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FlowChange[] {
  // Known keys first in reading order, then anything else an invalid document may carry.
  const keys = [
    ...new Set([
      'schemaVersion',
      'id',
      'name',
      'description',
      'language',
      'start',
      ...Object.keys(before),
      ...Object.keys(after),
    ]),
  ];
  return keys
    .filter((key) => !SECTIONS.has(key))
    .flatMap((key) =>
      changedLeaves(before[key], after[key], [key]).map((leaf): FlowChange => {
        const message =
          key === 'start'
            ? t(
                `Der Anruf beginnt jetzt mit ${names.node(text(leaf.after)).de} (vorher ${names.node(text(leaf.before)).de})`,
                `the call now starts at ${names.node(text(leaf.after)).en} (was ${names.node(text(leaf.before)).en})`,
              )
            : valueChange(t('Anrufablauf', 'call flow'), propertyName(leaf.keys), leaf.before, leaf.after);
        return {
          kind: key === 'start' ? 'edge-changed' : 'flow-changed',
          path: pointer(key),
          before: leaf.before,
          after: leaf.after,
          message,
        };
      }),
    );
}

function diffTriggers(names: Names, before: unknown, after: unknown): FlowChange[] {
  const out: FlowChange[] = [];
  const matches = matchById(arr(before), arr(after), (trigger) => trigger.id);
  for (const m of matches) {
    const path = pointer('triggers', m.after ? m.afterIndex : m.beforeIndex);
    const subject = triggerSubject(names, m.id);
    if (!m.before && m.after) {
      out.push({
        kind: 'trigger-added',
        path,
        after: m.after,
        message: t(`${subject.de} hinzugefügt`, `${subject.en} added`),
      });
    } else if (m.before && !m.after) {
      out.push({
        kind: 'trigger-removed',
        path,
        before: m.before,
        message: t(`${subject.de} entfernt`, `${subject.en} removed`),
      });
    } else {
      for (const leaf of changedLeaves(m.before, m.after)) {
        const message = valueChange(subject, propertyName(leaf.keys), leaf.before, leaf.after);
        out.push({
          kind: 'trigger-changed',
          path: path + pointer(...leaf.keys),
          before: leaf.before,
          after: leaf.after,
          message,
        });
      }
    }
  }
  return out;
}

function diffEscape(before: unknown, after: unknown): FlowChange[] {
  return changedLeaves(obj(before), obj(after)).map((leaf) => ({
    kind: 'escape-changed',
    path: pointer('humanEscape', ...leaf.keys),
    before: leaf.before,
    after: leaf.after,
    message: valueChange(escapeSubject, propertyName(leaf.keys), leaf.before, leaf.after),
  }));
}

/**
 * Every semantic change from `before` to `after`, in a stable order: flow, settings, triggers,
 * human escape, facts, then nodes in the newer flow's order (removed nodes last). Accepts documents that
 * fail validation too; missing parts count as absent.
 */
export function diffFlows(before: Flow | unknown, after: Flow | unknown): FlowChange[] {
  const b = obj(before);
  const a = obj(after);
  const names = namesOf(b, a);
  return [
    ...diffMeta(names, b, a),
    ...diffSettings(b.settings, a.settings),
    ...diffTriggers(names, b.triggers, a.triggers),
    ...diffEscape(b.humanEscape, a.humanEscape),
    ...diffFacts(b.facts, a.facts),
    ...collapseMoves(names, diffNodes(names, b.nodes, a.nodes)),
  ];
}
