// Turns the validator's raw errors into diagnostics a practice manager can read: one message per
// problem, in German and English, with a JSON Pointer and the node it belongs to.
import { diagnostic, error, type Diagnostic, type LocalizedText } from '../diagnostics';
import type { GeneratedValidationError as RawError } from '../format/validate-flow.generated';
import { formExample, propertyWords } from './property-words';

/** Where in the flow a path points, as words: "im Schritt „anliegen“" / "in step “anliegen”". */
export function placeWords(path: string): LocalizedText {
  const [, top, second] = path.split('/');
  const id = (second ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
  if (top === 'nodes' && second !== undefined) {
    const field = /^\/nodes\/[^/]+\/(fields|options)\/(\d+)/.exec(path);
    if (field === null) return { de: `im Schritt „${id}“`, en: `in step “${id}”` };
    const n = Number(field[2]) + 1;
    return field[1] === 'fields'
      ? { de: `im Schritt „${id}“, Angabe Nr. ${n}`, en: `in step “${id}”, detail no. ${n}` }
      : { de: `im Schritt „${id}“, Möglichkeit Nr. ${n}`, en: `in step “${id}”, option no. ${n}` };
  }
  if (top === 'settings') return { de: 'in den Einstellungen des Ablaufs', en: 'in the flow settings' };
  if (top === 'triggers' && second !== undefined) {
    return {
      de: `beim Stichwort-Auslöser Nr. ${Number(second) + 1}`,
      en: `in keyword trigger no. ${Number(second) + 1}`,
    };
  }
  if (top === 'humanEscape') return { de: 'beim „Mensch, bitte“', en: 'in the “human, please” escape' };
  if (top === 'layout') return { de: 'im Layout', en: 'in the layout' };
  return { de: 'im Anrufablauf', en: 'in the call flow' };
}

/** The words for the property a path ends in; list items are named after their list. */
function nameOf(path: string): LocalizedText {
  if (path === '') return { de: 'Anrufablauf', en: 'call flow' };
  const segments = path.split('/');
  let i = segments.length - 1;
  while (i > 0 && /^\d+$/.test(segments[i])) i--;
  const name = segments[i].replace(/~1/g, '/').replace(/~0/g, '~');
  const words = propertyWords(name);
  const index = i < segments.length - 1 ? ` Nr. ${Number(segments[i + 1]) + 1}` : '';
  return index === ''
    ? words
    : { de: `${words.de}${index}`, en: `${words.en} no. ${Number(segments[i + 1]) + 1}` };
}
const quoteList = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

function make(
  code: string,
  path: string,
  de: (where: string) => string,
  en: (where: string) => string,
): Diagnostic {
  const where = placeWords(path);
  return diagnostic(code, 'error', path, { de: de(where.de), en: en(where.en) });
}

function required(e: RawError): Diagnostic {
  const prop = String(e.params.missingProperty);
  const path = `${e.instancePath}/${prop}`;
  if (path === '/humanEscape') {
    return error(
      'escape.missing',
      path,
      'Der „Mensch, bitte“-Ausweg fehlt. Anrufende müssen jederzeit mit Worten oder der Taste 0 zu einem Menschen kommen.',
      'The “human, please” escape is missing. Callers must be able to reach a human at any time, by words or by key 0.',
    );
  }
  const p = propertyWords(prop);
  return make(
    'schema.missing',
    path,
    (w) => `Es fehlt „${p.de}“ ${w}.`,
    (w) => `“${p.en}” is missing ${w}.`,
  );
}

function additional(e: RawError): Diagnostic {
  const prop = String(e.params.additionalProperty);
  const path = `${e.instancePath}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (e.instancePath === '/nodes' || e.instancePath === '/layout/nodes') {
    return error(
      'schema.invalid-node-id',
      path,
      `Die Schritt-Kennung „${prop}“ ist ungültig: Sie muss mit einem Kleinbuchstaben beginnen und darf nur Kleinbuchstaben, Ziffern, „-“ und „_“ enthalten (höchstens 64 Zeichen).`,
      `The step id “${prop}” is invalid: it must start with a lowercase letter and may only contain lowercase letters, digits, “-” and “_” (64 characters at most).`,
    );
  }
  return make(
    'schema.unknown-property',
    path,
    (w) => `Die Angabe „${prop}“ ${w} ist unbekannt. Vielleicht ein Tippfehler?`,
    (w) => `“${prop}” ${w} is not known. A typo, perhaps?`,
  );
}

const TYPE_WORDS: Record<string, LocalizedText> = {
  string: { de: 'ein Text', en: 'a text' },
  number: { de: 'eine Zahl', en: 'a number' },
  integer: { de: 'eine ganze Zahl', en: 'a whole number' },
  boolean: { de: 'ja/nein (true oder false)', en: 'yes/no (true or false)' },
  object: { de: 'ein Objekt { … }', en: 'an object { … }' },
  array: { de: 'eine Liste [ … ]', en: 'a list [ … ]' },
  null: { de: 'null', en: 'null' },
};

function wrongType(e: RawError): Diagnostic {
  const t = String(e.params.type).split(',')[0];
  const words = TYPE_WORDS[t] ?? { de: t, en: t };
  const p = nameOf(e.instancePath);
  return make(
    'schema.wrong-type',
    e.instancePath,
    (w) => `„${p.de}“ ${w} muss ${words.de} sein.`,
    (w) => `“${p.en}” ${w} must be ${words.en}.`,
  );
}

export function notAllowed(path: string, allowed: readonly unknown[]): Diagnostic {
  const p = nameOf(path);
  return make(
    'schema.not-allowed',
    path,
    (w) => `Der Wert von „${p.de}“ ${w} ist nicht erlaubt. Erlaubt: ${quoteList(allowed)}.`,
    (w) => `The value of “${p.en}” ${w} is not allowed. Allowed: ${quoteList(allowed)}.`,
  );
}

function pattern(e: RawError): Diagnostic {
  const p = nameOf(e.instancePath);
  const segments = e.instancePath.split('/');
  const numeric = (s: string | undefined): boolean => s !== undefined && /^\d+$/.test(s);
  const last = segments[segments.length - 1];
  // For list items (an opening interval's times) the example belongs to the day, not to the index.
  const owner = numeric(last) ? (segments.filter((s) => !numeric(s)).pop() ?? '') : last;
  const example = formExample(owner, numeric(last) ? last : undefined);
  const expected =
    example === undefined
      ? { de: `erwartet: ${String(e.params.pattern)}`, en: `expected: ${String(e.params.pattern)}` }
      : { de: `Beispiel: ${example}`, en: `example: ${example}` };
  return make(
    'schema.invalid-format',
    e.instancePath,
    (w) => `„${p.de}“ ${w} hat nicht die richtige Form (${expected.de}).`,
    (w) => `“${p.en}” ${w} does not have the right form (${expected.en}).`,
  );
}

function range(e: RawError): Diagnostic {
  const p = nameOf(e.instancePath);
  const limit = e.params.limit;
  if (e.instancePath === '/settings/retention/days' && e.keyword === 'maximum') {
    return error(
      'retention.too-long',
      e.instancePath,
      `Gesprächsnotizen dürfen höchstens 30 Tage aufbewahrt werden, nicht länger. Bitte wählen Sie 1 bis 30 Tage.`,
      `Call notes may be kept for 30 days at most, never longer. Please choose 1 to 30 days.`,
    );
  }
  const de = e.keyword.startsWith('min') || e.keyword === 'exclusiveMinimum' ? 'mindestens' : 'höchstens';
  const en = de === 'mindestens' ? 'at least' : 'at most';
  return make(
    'schema.out-of-range',
    e.instancePath,
    (w) => `„${p.de}“ ${w} muss ${de} ${String(limit)} sein.`,
    (w) => `“${p.en}” ${w} must be ${en} ${String(limit)}.`,
  );
}

function size(e: RawError): Diagnostic {
  const p = nameOf(e.instancePath);
  const limit = Number(e.params.limit);
  const isText = e.keyword.endsWith('Length');
  const unit = isText ? { de: 'Zeichen', en: 'characters' } : { de: 'Einträge', en: 'entries' };
  if (e.keyword.startsWith('min') && limit === 1) {
    return make(
      'schema.empty',
      e.instancePath,
      (w) => `„${p.de}“ ${w} darf nicht leer sein.`,
      (w) => `“${p.en}” ${w} must not be empty.`,
    );
  }
  if (e.keyword.startsWith('min')) {
    return make(
      'schema.too-short',
      e.instancePath,
      (w) => `„${p.de}“ ${w} braucht mindestens ${limit} ${unit.de}.`,
      (w) => `“${p.en}” ${w} needs at least ${limit} ${unit.en}.`,
    );
  }
  return make(
    'schema.too-long',
    e.instancePath,
    (w) => `„${p.de}“ ${w} darf höchstens ${limit} ${unit.de} haben.`,
    (w) => `“${p.en}” ${w} may have at most ${limit} ${unit.en}.`,
  );
}

function generic(e: RawError): Diagnostic {
  const p = nameOf(e.instancePath);
  return make(
    'schema.invalid',
    e.instancePath,
    (w) => `„${p.de}“ ${w} ist ungültig.`,
    (w) => `“${p.en}” ${w} is invalid.`,
  );
}

function mapOne(e: RawError): Diagnostic {
  switch (e.keyword) {
    case 'required':
      return required(e);
    case 'additionalProperties':
      return additional(e);
    case 'type':
      return wrongType(e);
    case 'const':
      return notAllowed(e.instancePath, [e.params.allowedValue]);
    case 'enum':
      return notAllowed(e.instancePath, (e.params.allowedValues as unknown[]) ?? []);
    case 'pattern':
      return pattern(e);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return range(e);
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return size(e);
    case 'uniqueItems':
      return make(
        'schema.duplicate-item',
        e.instancePath,
        (w) => `Ein Eintrag ${w} steht doppelt in der Liste „${nameOf(e.instancePath).de}“.`,
        (w) => `An entry ${w} appears twice in the list “${nameOf(e.instancePath).en}”.`,
      );
    case 'false schema':
      return make(
        'schema.too-long',
        e.instancePath,
        (w) => `Hier ${w} ist ein Eintrag zu viel.`,
        (w) => `There is one entry too many here ${w}.`,
      );
    default:
      return generic(e);
  }
}

/** The branch index of an error inside the anyOf at `anyOfPath`, or -1 when it is not inside. */
function branchOf(e: RawError, anyOfPath: string): number {
  if (!e.schemaPath.startsWith(`${anyOfPath}/`)) return -1;
  return Number(e.schemaPath.slice(anyOfPath.length + 1).split('/')[0]);
}

/**
 * A failed anyOf comes with the errors of every alternative. Collapse them into what the author
 * meant: a list of literals → "allowed: a, b, c"; a tagged union (retention by `mode`) → the
 * errors of the alternative whose tag matched; otherwise the allowed tags.
 */
function collapseAnyOf(anyOf: RawError, errors: readonly RawError[]): RawError[] | Diagnostic {
  const inside = errors.filter((e) => branchOf(e, anyOf.schemaPath) >= 0);
  const atSelf = inside.filter((e) => e.instancePath === anyOf.instancePath);
  if (atSelf.length > 0 && atSelf.every((e) => e.keyword === 'type')) return mapOne(atSelf[0]);
  const allConst = inside.every(
    (e) => (e.keyword === 'const' || e.keyword === 'type') && e.instancePath === anyOf.instancePath,
  );
  if (allConst) {
    return notAllowed(
      anyOf.instancePath,
      inside.filter((e) => e.keyword === 'const').map((e) => e.params.allowedValue),
    );
  }
  const branches = new Set(inside.map((e) => branchOf(e, anyOf.schemaPath)));
  const tagErrors = inside.filter(
    (e) => e.keyword === 'const' && e.instancePath.startsWith(`${anyOf.instancePath}/`),
  );
  const tagPaths = new Set(tagErrors.map((e) => e.instancePath));
  const matched = [...branches].filter((b) => !tagErrors.some((e) => branchOf(e, anyOf.schemaPath) === b));
  if (tagPaths.size === 1 && matched.length === 1) {
    return inside.filter((e) => branchOf(e, anyOf.schemaPath) === matched[0]);
  }
  if (tagPaths.size === 1)
    return notAllowed(
      [...tagPaths][0],
      tagErrors.map((e) => e.params.allowedValue),
    );
  // Every alternative misses the same property (a retention without `mode`): say that.
  const missing = inside.filter((e) => e.keyword === 'required' && e.instancePath === anyOf.instancePath);
  const prop = missing[0]?.params.missingProperty;
  if (
    prop !== undefined &&
    [...branches].every((b) =>
      missing.some((e) => branchOf(e, anyOf.schemaPath) === b && e.params.missingProperty === prop),
    )
  ) {
    return required(missing[0]);
  }
  return generic(anyOf);
}

/** Maps raw validator errors (all of them) to diagnostics, one per problem. */
export function mapSchemaErrors(raw: readonly RawError[], pathPrefix = ''): Diagnostic[] {
  const errors = raw.map((e) => ({ ...e, instancePath: pathPrefix + e.instancePath }));
  const consumed = new Set<RawError>();
  const out: Diagnostic[] = [];
  // Outermost anyOf first (shortest schema path), so nested alternatives are judged inside it.
  const anyOfs = errors
    .filter((e) => e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const replaced: RawError[] = [];
  for (const a of anyOfs) {
    if (consumed.has(a)) continue;
    consumed.add(a);
    const inside = errors.filter((e) => branchOf(e, a.schemaPath) >= 0);
    inside.forEach((e) => consumed.add(e));
    const result = collapseAnyOf(a, inside);
    if (Array.isArray(result)) replaced.push(...result.filter((e) => e.keyword !== 'anyOf'));
    else out.push(result);
  }
  for (const e of [...errors.filter((x) => !consumed.has(x)), ...replaced]) out.push(mapOne(e));
  return dedupe(out);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.path}|${d.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
