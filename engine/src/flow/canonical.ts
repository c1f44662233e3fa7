// Canonical JSON: the one way a flow file is written, so `callflow fmt` is idempotent and git
// diffs show only real changes.
//
// - 2-space indent, "\n" line ends, one trailing newline.
// - Object keys in a fixed reading order per place in the flow (below), not alphabetical: a flow
//   file reads top-down like the call (what it is → settings → escape → triggers → steps → layout),
//   and every step starts with its `kind` and ends with where it goes (`next` / `default`).
//   Keys the order does not know follow the known ones, alphabetically.
// - Arrays keep their order. Arrays of plain values (keywords, opening intervals) are written on
//   one line when that line stays within 100 characters; otherwise one item per line.
// - Values are written as JSON.stringify writes them (`undefined` members are dropped).

const FLOW = ['$schema', 'schemaVersion', 'id', 'name', 'description', 'language', 'start', 'settings', 'humanEscape', 'triggers', 'nodes', 'layout'];
const SETTINGS = ['retention', 'zeroPersistence', 'record', 'dataCategories', 'professionalSecrecy', 'businessHours', 'providers', 'delivery', 'limits'];
const NODE = [
  'kind', 'title', 'note',
  'disclosure', 'question', 'text', 'target', 'announce', 'whisper', 'prompt', 'reprompt', 'field', 'fields', 'options',
  'priority', 'numberField', 'timePrompt', 'window', 'confirmation',
  'bargeIn', 'respectHours', 'ringSeconds', 'maxAttempts', 'default', 'next',
];
const FIELD = ['key', 'label', 'type', 'role', 'prompt', 'reprompt', 'required', 'confirm', 'sensitive', 'llm', 'choices', 'validation'];

/** Key order by the place in the document (parent key names, array indices skipped). */
const ORDERS: Record<string, readonly string[]> = {
  '': FLOW,
  settings: SETTINGS,
  'settings.retention': ['mode', 'days'],
  'settings.record': ['transcript', 'callerNumber'],
  'settings.businessHours': ['timeZone', 'weekly', 'closedDates'],
  'settings.businessHours.weekly': ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  'settings.providers': ['speech', 'understanding', 'voice', 'voiceId'],
  'settings.delivery': ['inbox', 'webhookUrl'],
  'settings.limits': ['maxCallSeconds', 'silenceSeconds', 'maxSilences'],
  humanEscape: ['keywords', 'dtmf', 'target'],
  triggers: ['id', 'label', 'keywords', 'flag', 'priority', 'goto'],
  'nodes.*': NODE,
  'nodes.*.next': ['yes', 'no', 'unclear', 'open', 'closed', 'fallback'],
  'nodes.*.fields': FIELD,
  'nodes.*.fields.choices': ['value', 'label', 'keywords'],
  'nodes.*.fields.validation': ['pattern', 'min', 'max', 'maxLength'],
  'nodes.*.options': ['id', 'label', 'keywords', 'next'],
  'nodes.*.window': ['earliest', 'latest'],
  'layout.nodes.*': ['x', 'y'],
};

const MAX_INLINE_WIDTH = 100;

/** The place of an object in the document, e.g. `nodes.*.fields` for any field of any node. */
function placeOf(keys: readonly string[]): string {
  // Node ids and layout node ids are free names: replace them by `*`.
  return keys.map((k, i) => ((keys[i - 1] === 'nodes' && (i === 1 || keys[0] === 'layout')) ? '*' : k)).join('.');
}

function orderedKeys(obj: Record<string, unknown>, keys: readonly string[]): string[] {
  const order = ORDERS[placeOf(keys)] ?? [];
  const rank = (k: string): number => {
    const i = order.indexOf(k);
    return i === -1 ? order.length : i;
  };
  return Object.keys(obj)
    .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function' && typeof obj[k] !== 'symbol')
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

const isPlain = (v: unknown): boolean => v === null || typeof v !== 'object';
const isInlineable = (v: unknown): boolean =>
  isPlain(v) || (Array.isArray(v) && v.every((x) => isPlain(x) || (Array.isArray(x) && x.every(isPlain))));

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  return JSON.stringify(value) ?? 'null';
}

function write(value: unknown, keys: string[], indent: string, prefixWidth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isInlineable)) {
      const one = inline(value);
      if (prefixWidth + one.length + 1 <= MAX_INLINE_WIDTH) return one;
    }
    const items = value.map((v) => `${inner}${write(v, keys, inner, inner.length)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write(JSON.parse(JSON.stringify(value)), keys, indent, prefixWidth);
  }
  const obj = value as Record<string, unknown>;
  const names = orderedKeys(obj, keys);
  if (names.length === 0) return '{}';
  const members = names.map((k) => {
    const head = `${inner}${JSON.stringify(k)}: `;
    return `${head}${write(obj[k], [...keys, k], inner, head.length)}`;
  });
  return `{\n${members.join(',\n')}\n${indent}}`;
}

/** Writes a value as canonical JSON (see the rules at the top of this file). */
export function canonicalJson(value: unknown): string {
  return `${write(value, [], '', 0)}\n`;
}

/** The known key orders, for documentation and tests. */
export const CANONICAL_KEY_ORDERS: Readonly<Record<string, readonly string[]>> = ORDERS;
