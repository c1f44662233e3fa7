// Ids from names. People name steps, details, keyword triggers and branch options; the id each one
// is stored under (note field keys for integrators, analytics node ids, conversation tests) is
// derived from that name, so nobody has to invent one. While a flow has never been published an id
// follows its name; once published it is a contract and never changes again.
import type { Flow } from '../format/schema';
import { slugFromTitle, uniqueSlug } from '../format/slug';

export type IdKind = 'step' | 'field' | 'trigger' | 'option';

// Field keys may not contain "-" (the format's FieldKey), so details use "_"; the others read like
// the existing step ids („weiterleitung-2“). The fallback is the word an id starts with when the
// name has no letter to start with („1. Frage“ → `frage-1-frage`).
const SHAPE: Readonly<Record<IdKind, { separator: '-' | '_'; fallback: string }>> = {
  step: { separator: '-', fallback: 'schritt' },
  field: { separator: '_', fallback: 'angabe' },
  trigger: { separator: '-', fallback: 'stichwort' },
  option: { separator: '-', fallback: 'moeglichkeit' },
};

const MAX_ID = 64;

/**
 * The id a name gives: transliterated the German way, unique against `taken` (`-2`, `-3`… or
 * `_2` for details); null when the name holds no letter or digit (the old id stays then).
 */
export function idFromName(kind: IdKind, name: string, taken: (id: string) => boolean): string | null {
  const { separator, fallback } = SHAPE[kind];
  const slug = slugFromTitle(name, { separator, maxLength: MAX_ID - fallback.length - 4 });
  if (!slug) return null;
  const base = /^[a-z]/.test(slug) ? slug : `${fallback}${separator}${slug}`;
  return uniqueSlug(base, taken, { separator, maxLength: MAX_ID });
}

/** The ids that are contracts: everything a published version contains. */
export interface FixedIds {
  steps: ReadonlySet<string>;
  fields: ReadonlySet<string>;
  triggers: ReadonlySet<string>;
  /** Per step id: its branch options' ids. */
  options: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * What may no longer change, given every published version (none: never published) — an id a
 * later version dropped stays taken, so it never comes back meaning something else. Pass the draft
 * itself while it is not known whether or what was published: then every id stays.
 */
export function fixedIdsOf(...published: Flow[]): FixedIds {
  const steps = new Set<string>();
  const fields = new Set<string>();
  const triggers = new Set<string>();
  const options = new Map<string, Set<string>>();
  for (const flow of published) {
    for (const [id, node] of Object.entries(flow.nodes)) {
      steps.add(id);
      if (node.kind === 'intake') for (const f of node.fields) fields.add(f.key);
      if (node.kind === 'branch') {
        const ids = options.get(id) ?? new Set<string>();
        for (const o of node.options) ids.add(o.id);
        options.set(id, ids);
      }
    }
    for (const t of flow.triggers) triggers.add(t.id);
  }
  return { steps, fields, triggers, options };
}
