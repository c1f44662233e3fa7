// Ids and keywords that must be unambiguous: branch options, keyword triggers, the human escape.
import { error, pointer, warning, type Diagnostic } from '../../diagnostics';
import type { Rule } from './context';

const firstDuplicate = (values: readonly string[]): number =>
  values.findIndex((v, i) => values.indexOf(v) !== i);

export const uniqueIds: Rule = ({ flow, nodes }) => {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(nodes)) {
    if (node.kind !== 'branch') continue;
    const ids = node.options.map((o) => o.id);
    const i = firstDuplicate(ids);
    if (i >= 0) {
      out.push(
        error(
          'branch.duplicate-option',
          pointer('nodes', id, 'options', i, 'id'),
          `Die Weiche „${id}“ hat zwei Möglichkeiten mit der Kennung „${node.options[i].id}“.`,
          `Branch “${id}” has two options with the id “${node.options[i].id}”.`,
        ),
      );
    }
    // Each option is an exit named by its id, next to the exit `default` (nodes/branch.ts).
    const d = ids.indexOf('default');
    if (d >= 0) {
      out.push(
        error(
          'branch.duplicate-option',
          pointer('nodes', id, 'options', d, 'id'),
          `Die Weiche „${id}“ hat eine Möglichkeit mit der Kennung „default“; so heißt schon der Ausgang „Sonst“. Bitte wählen Sie eine andere Kennung.`,
          `Branch “${id}” has an option with the id “default”, the name of its “otherwise” exit. Please choose another id.`,
        ),
      );
    }
  }
  const t = firstDuplicate(flow.triggers.map((x) => x.id));
  if (t >= 0) {
    out.push(
      error(
        'trigger.duplicate-id',
        pointer('triggers', t, 'id'),
        `Zwei Stichwort-Auslöser heißen „${flow.triggers[t].id}“.`,
        `Two keyword triggers are called “${flow.triggers[t].id}”.`,
      ),
    );
  }
  return out;
};

/** A keyword listened for in two places is ambiguous: which one wins is not obvious to the author. */
export const triggerKeywords: Rule = ({ flow }) => {
  const out: Diagnostic[] = [];
  const owner = new Map<string, string>();
  for (const k of flow.humanEscape.keywords) owner.set(k.toLowerCase(), '„Mensch, bitte“|“human, please”');
  flow.triggers.forEach((trigger, i) => {
    if (trigger.goto === undefined && trigger.flag === undefined && trigger.priority === undefined) {
      out.push(
        warning(
          'trigger.no-effect',
          pointer('triggers', i),
          `Der Stichwort-Auslöser „${trigger.id}“ bewirkt nichts: Er springt nirgendwohin, setzt keine Markierung und keine Dringlichkeit.`,
          `Keyword trigger “${trigger.id}” has no effect: it jumps nowhere and sets neither a flag nor a priority.`,
        ),
      );
    }
    for (const k of trigger.keywords) {
      const prev = owner.get(k.toLowerCase());
      if (prev !== undefined && prev !== trigger.id) {
        const [de, en] = prev.includes('|') ? prev.split('|') : [`„${prev}“`, `“${prev}”`];
        out.push(
          warning(
            'trigger.duplicate-keyword',
            pointer('triggers', i, 'keywords'),
            `Das Stichwort „${k}“ gehört schon zu ${de}; beim Auslöser „${trigger.id}“ ist unklar, was gilt.`,
            `Keyword “${k}” already belongs to ${en}; for trigger “${trigger.id}” it is unclear which applies.`,
          ),
        );
      }
      owner.set(k.toLowerCase(), trigger.id);
    }
  });
  return out;
};
