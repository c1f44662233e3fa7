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

const FLOW = [
  '$schema',
  'schemaVersion',
  'id',
  'name',
  'description',
  'language',
  'start',
  'settings',
  'humanEscape',
  'triggers',
  'facts',
  'nodes',
  'layout',
];
const SETTINGS = [
  'retention',
  'zeroPersistence',
  'record',
  'dataCategories',
  'professionalSecrecy',
  'businessHours',
  'providers',
  'answers',
  'delivery',
  'limits',
];
const NODE = [
  'kind',
  'title',
  'note',
  'disclosure',
  'question',
  'text',
  'target',
  'announce',
  'whisper',
  'prompt',
  'reprompt',
  'field',
  'fields',
  'options',
  'priority',
  'numberField',
  'numberPrompt',
  'timePrompt',
  'window',
  'confirmation',
  'bargeIn',
  'respectHours',
  'ringSeconds',
  'maxAttempts',
  'default',
  'next',
];
const FIELD = [
  'key',
  'label',
  'type',
  'role',
  'prompt',
  'reprompt',
  'required',
  'confirm',
  'sensitive',
  'llm',
  'choices',
  'validation',
];

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
  facts: ['id', 'topic', 'answer', 'keywords'],
  'nodes.*': NODE,
  'nodes.*.next': ['yes', 'no', 'unclear', 'open', 'closed', 'fallback'],
  'nodes.*.fields': FIELD,
  'nodes.*.fields.choices': ['value', 'label', 'keywords'],
  'nodes.*.fields.validation': ['pattern', 'min', 'max', 'maxLength', 'when'],
  'nodes.*.options': ['id', 'label', 'keywords', 'next'],
  'nodes.*.window': ['earliest', 'latest'],
  'layout.nodes.*': ['x', 'y'],
};

const MAX_INLINE_WIDTH = 100;

/** Rank of each known key per place, built once. */
const RANKS = new Map<string, Map<string, number>>(
  Object.entries(ORDERS).map(([place, keys]) => [place, new Map(keys.map((k, i) => [k, i]))]),
);
const NO_RANKS = new Map<string, number>();

/**
 * The place of a child object, e.g. `nodes.*.fields` for any field of any node: node ids (and
 * layout node ids) are free names, so they become `*`. Array items share their array's place.
 */
function childPlace(place: string, key: string): string {
  if (place === 'nodes' || place === 'layout.nodes') return `${place}.*`;
  return place === '' ? key : `${place}.${key}`;
}

function byRank(ranks: Map<string, number>): (a: string, b: string) => number {
  const last = ranks.size;
  return (a, b) => (ranks.get(a) ?? last) - (ranks.get(b) ?? last) || (a < b ? -1 : a > b ? 1 : 0);
}
const SORTERS = new Map<string, (a: string, b: string) => number>();

function orderedKeys(obj: Record<string, unknown>, place: string): string[] {
  const keys: string[] = [];
  for (const k of Object.keys(obj)) {
    const t = typeof obj[k];
    if (t !== 'undefined' && t !== 'function' && t !== 'symbol') keys.push(k);
  }
  let sorter = SORTERS.get(place);
  if (sorter === undefined) {
    sorter = byRank(RANKS.get(place) ?? NO_RANKS);
    SORTERS.set(place, sorter);
  }
  return keys.sort(sorter);
}

const isPlain = (v: unknown): boolean => v === null || typeof v !== 'object';

/** One-line form of an array of plain values (or of arrays of plain values), or undefined. */
function inline(value: unknown[]): string | undefined {
  const parts: string[] = [];
  for (const item of value) {
    if (isPlain(item)) parts.push(JSON.stringify(item) ?? 'null');
    else if (Array.isArray(item) && item.every(isPlain))
      parts.push(`[${item.map((x) => JSON.stringify(x) ?? 'null').join(', ')}]`);
    else return undefined;
  }
  return `[${parts.join(', ')}]`;
}

function writeArray(value: unknown[], place: string, indent: string, prefixWidth: number): string {
  if (value.length === 0) return '[]';
  const one = inline(value);
  if (one !== undefined && prefixWidth + one.length + 1 <= MAX_INLINE_WIDTH) return one;
  const inner = `${indent}  `;
  const items: string[] = [];
  for (const v of value) items.push(inner + write(v, place, inner, inner.length));
  return `[\n${items.join(',\n')}\n${indent}]`;
}

// Flow files repeat the same few dozen keys thousands of times: quote each once.
const QUOTED = new Map<string, string>();
function quoteKey(key: string): string {
  let q = QUOTED.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (QUOTED.size < 10_000) QUOTED.set(key, q);
  }
  return q;
}

function write(value: unknown, place: string, indent: string, prefixWidth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return writeArray(value, place, indent, prefixWidth);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write(JSON.parse(JSON.stringify(value)), place, indent, prefixWidth);
  }
  const obj = value as Record<string, unknown>;
  const names = orderedKeys(obj, place);
  if (names.length === 0) return '{}';
  const inner = `${indent}  `;
  const members: string[] = [];
  for (const k of names) {
    const head = `${inner}${quoteKey(k)}: `;
    members.push(head + write(obj[k], childPlace(place, k), inner, head.length));
  }
  return `{\n${members.join(',\n')}\n${indent}}`;
}

/** Writes a value as canonical JSON (see the rules at the top of this file). */
export function canonicalJson(value: unknown): string {
  return `${write(value, '', '', 0)}\n`;
}

/** The known key orders, for documentation and tests. */
export const CANONICAL_KEY_ORDERS: Readonly<Record<string, readonly string[]>> = ORDERS;
