// Details (fields) asked in `intake` steps: keys are unique where it matters, choice fields have
// choices, validation settings make sense.
import { error, pointer, warning, type Diagnostic } from '../../diagnostics';
import type { IntakeField } from '../../format/schema';
import { reachable, successors } from '../graph';
import type { FieldSite, LintContext, Rule } from './context';

const fieldPath = (s: FieldSite, ...rest: string[]): string =>
  pointer('nodes', s.nodeId, 'fields', s.index, ...rest);

/** Within one step a key may appear once; across steps it must mean the same kind of detail. */
export const fieldKeys: Rule = (ctx) => {
  const { fields } = ctx;
  const out: Diagnostic[] = [];
  for (const [key, sites] of fields) {
    sites.forEach((site, i) => {
      const earlier = sites.slice(0, i);
      if (earlier.some((e) => e.nodeId === site.nodeId)) {
        out.push(
          error(
            'field.duplicate-key',
            fieldPath(site, 'key'),
            `Die Angabe „${key}“ kommt im Schritt „${site.nodeId}“ zweimal vor. Jede Angabe braucht einen eigenen Schlüssel.`,
            `Detail “${key}” appears twice in step “${site.nodeId}”. Every detail needs its own key.`,
          ),
        );
        return;
      }
      const first = earlier[0];
      if (
        first &&
        (first.field.type !== site.field.type ||
          Boolean(first.field.sensitive) !== Boolean(site.field.sensitive))
      ) {
        out.push(
          error(
            'field.conflicting-definition',
            fieldPath(site),
            `Die Angabe „${key}“ wird in „${first.nodeId}“ und „${site.nodeId}“ unterschiedlich erfragt (Art oder „sensibel“ weichen ab). In der Gesprächsnotiz muss eine Angabe überall dasselbe bedeuten.`,
            `Detail “${key}” is defined differently in “${first.nodeId}” and “${site.nodeId}” (type or “sensitive” differ). In the call note a detail must mean the same everywhere.`,
          ),
        );
      }
    });
  }
  out.push(...askedTwice(ctx));
  return out;
};

/** The same key in two steps on one path: the caller is asked again and the first answer is lost. */
function askedTwice({ fields, nodes, edges }: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, sites] of fields) {
    const stepIds = [...new Set(sites.map((s) => s.nodeId))];
    if (stepIds.length < 2) continue;
    for (const from of stepIds) {
      const node = nodes[from];
      const after = reachable(nodes, successors(node), undefined, edges);
      const later = stepIds.find((id) => id !== from && after.has(id));
      if (later === undefined) continue;
      out.push(
        warning(
          'field.asked-twice',
          pointer('nodes', later),
          `Die Angabe „${key}“ wird nach „${from}“ im Schritt „${later}“ noch einmal erfragt; die erste Antwort wird überschrieben.`,
          `Detail “${key}” is asked again in step “${later}” after “${from}”; the first answer is overwritten.`,
        ),
      );
    }
  }
  return out;
}

function choiceProblems(site: FieldSite): Diagnostic[] {
  const f = site.field;
  if (f.type === 'choice' && (f.choices === undefined || f.choices.length === 0)) {
    return [
      error(
        'field.choices-missing',
        fieldPath(site),
        `Die Auswahl-Angabe „${f.key}“ braucht Antwortmöglichkeiten („choices“), mindestens zwei.`,
        `Choice detail “${f.key}” needs answer options (“choices”), at least two.`,
      ),
    ];
  }
  if (f.type !== 'choice' && f.choices !== undefined) {
    return [
      warning(
        'field.choices-ignored',
        fieldPath(site, 'choices'),
        `Die Angabe „${f.key}“ ist keine Auswahl; ihre Antwortmöglichkeiten werden nicht verwendet.`,
        `Detail “${f.key}” is not a choice; its answer options are not used.`,
      ),
    ];
  }
  const values = (f.choices ?? []).map((c) => c.value);
  const dup = values.find((v, i) => values.indexOf(v) !== i);
  if (dup === undefined) return [];
  return [
    error(
      'field.duplicate-choice',
      fieldPath(site, 'choices'),
      `Die Antwortmöglichkeit „${dup}“ kommt bei „${f.key}“ doppelt vor.`,
      `Answer option “${dup}” appears twice in “${f.key}”.`,
    ),
  ];
}

function isValidPattern(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

function validationProblems(site: FieldSite): Diagnostic[] {
  const v: IntakeField['validation'] = site.field.validation;
  const out: Diagnostic[] = [];
  if (v?.pattern !== undefined && !isValidPattern(v.pattern)) {
    out.push(
      error(
        'field.invalid-pattern',
        fieldPath(site, 'validation', 'pattern'),
        `Das Prüfmuster der Angabe „${site.field.key}“ ist kein gültiger regulärer Ausdruck.`,
        `The check pattern of detail “${site.field.key}” is not a valid regular expression.`,
      ),
    );
  }
  if (v?.min !== undefined && v.max !== undefined && v.min > v.max) {
    out.push(
      error(
        'field.invalid-range',
        fieldPath(site, 'validation'),
        `Bei „${site.field.key}“ ist der kleinste erlaubte Wert (${v.min}) größer als der größte (${v.max}).`,
        `For “${site.field.key}” the smallest allowed value (${v.min}) is larger than the largest (${v.max}).`,
      ),
    );
  }
  return out;
}

export const fieldSettings: Rule = ({ fields }) =>
  [...fields.values()].flatMap((sites) =>
    sites.flatMap((s) => [...choiceProblems(s), ...validationProblems(s)]),
  );
