// Structural helpers for comparing two JSON documents. The diff accepts documents as written
// (even ones that fail validation), so every accessor tolerates a missing or mistyped part.

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Any value as text for a sentence; never throws (not even on objects without a prototype). */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return '?';
  }
}

export const obj = (v: unknown): Json => (isObject(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** JSON Pointer escaping (RFC 6901). */
export const pointer = (...parts: (string | number)[]): string =>
  parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

export interface Leaf {
  /** Property names from the compared object down to the changed value. */
  keys: string[];
  before: unknown;
  after: unknown;
}

/**
 * Every changed leaf between two values. Objects are descended into; arrays and scalars are
 * leaves (keyword lists, opening intervals and choices read best as one unit).
 */
export function changedLeaves(before: unknown, after: unknown, keys: string[] = []): Leaf[] {
  if (sameValue(before, after)) return [];
  // An object that appears or disappears as a whole reads best property by property
  // ("earliest callback set to 09:00") — unless it is empty, then it is one change.
  const b = before === undefined && isObject(after) ? {} : before;
  const a = after === undefined && isObject(before) ? {} : after;
  if (isObject(b) && isObject(a)) {
    const names = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    const leaves = names.flatMap((k) => changedLeaves(b[k], a[k], [...keys, k]));
    if (leaves.length > 0) return leaves;
  }
  return [{ keys, before, after }];
}

/** Items of a list matched by an identifying property, in the newer order, removed ones last. */
export interface Match {
  id: string;
  before?: Json;
  after?: Json;
  beforeIndex: number;
  afterIndex: number;
}

export function matchById(before: unknown[], after: unknown[], idOf: (item: Json) => unknown): Match[] {
  const key = (item: unknown, i: number) => {
    const id = idOf(obj(item));
    return typeof id === 'string' && id !== '' ? id : `#${i}`;
  };
  const old = new Map(before.map((item, i) => [key(item, i), { item: obj(item), i }]));
  const result = after.map((item, i): Match => {
    const id = key(item, i);
    const prev = old.get(id);
    old.delete(id);
    return { id, before: prev?.item, after: obj(item), beforeIndex: prev?.i ?? -1, afterIndex: i };
  });
  for (const [id, prev] of old)
    result.push({ id, before: prev.item, after: undefined, beforeIndex: prev.i, afterIndex: -1 });
  return result;
}
