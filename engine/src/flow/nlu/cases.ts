import type { Lang } from './lang.js';

/**
 * Table-driven evaluation shared by the unit tests (every row must pass, except documented known
 * misses) and the accuracy benchmark (every row counts, known misses included).
 */
export interface Case<W> {
  lang: Lang;
  text: string;
  want: W;
  /** Set on a KNOWN MISS: why we do not get it right yet. Excluded from assertions, counted in accuracy. */
  miss?: string;
}

export interface Table<C extends Case<unknown>> {
  parser: string;
  cases: readonly C[];
  /** Runs the parser on one row; the result is compared with `want` by value. */
  run(c: C): unknown;
}

/** Value equality for plain data (objects compared key-order-independently; undefined keys ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: object) =>
    Object.keys(o)
      .filter((k) => (o as Record<string, unknown>)[k] !== undefined)
      .sort();
  const ka = keys(a);
  const kb = keys(b);
  if (ka.join() !== kb.join()) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface Score {
  parser: string;
  lang: Lang;
  total: number;
  passed: number;
}

/** Passed/total per language, for the accuracy report. */
export function score<C extends Case<unknown>>(table: Table<C>): Score[] {
  const out: Score[] = [];
  for (const lang of ['de', 'en'] as const) {
    const rows = table.cases.filter((c) => c.lang === lang);
    if (rows.length === 0) continue;
    const passed = rows.filter((c) => sameValue(table.run(c), c.want)).length;
    out.push({ parser: table.parser, lang, total: rows.length, passed });
  }
  return out;
}
