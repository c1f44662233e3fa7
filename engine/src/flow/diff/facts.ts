// Changes to the business's facts („Wissen"), as sentences: „Antwort zu ‚Parken' geändert".
// Facts are matched by id, so renaming a topic reads as a change of the topic, not a new fact.
import type { FlowChange } from './types';
import { arr, changedLeaves, matchById, pointer, text } from './values';
import { propertyName, t, valueChange } from './words';

const topicOf = (fact: unknown, fallback: string): string => {
  const topic = fact !== null && typeof fact === 'object' ? (fact as { topic?: unknown }).topic : undefined;
  return typeof topic === 'string' ? topic : fallback;
};

export function diffFacts(before: unknown, after: unknown): FlowChange[] {
  const out: FlowChange[] = [];
  for (const m of matchById(arr(before), arr(after), (fact) => fact.id)) {
    const path = pointer('facts', m.after ? m.afterIndex : m.beforeIndex);
    const topic = topicOf(m.after ?? m.before, text(m.id));
    if (!m.before && m.after) {
      out.push({
        kind: 'fact-added',
        path,
        after: m.after,
        message: t(`Wissen: „${topic}“ hinzugefügt`, `knowledge: "${topic}" added`),
      });
      continue;
    }
    if (m.before && !m.after) {
      out.push({
        kind: 'fact-removed',
        path,
        before: m.before,
        message: t(`Wissen: „${topic}“ entfernt`, `knowledge: "${topic}" removed`),
      });
      continue;
    }
    for (const leaf of changedLeaves(m.before, m.after)) {
      const message =
        leaf.keys[0] === 'answer'
          ? t(`Antwort zu „${topic}“ geändert`, `answer about "${topic}" changed`)
          : valueChange(
              t(`Wissen „${topic}“`, `knowledge "${topic}"`),
              propertyName(leaf.keys),
              leaf.before,
              leaf.after,
            );
      out.push({
        kind: 'fact-changed',
        path: path + pointer(...leaf.keys),
        before: leaf.before,
        after: leaf.after,
        message,
      });
    }
  }
  return out;
}
