// Property tests: whatever the input — random mutations of real flows, random JSON, random
// text — the loader never throws and always answers with a compiled flow or an error diagnostic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadFlow } from './load';
import { canonicalJson } from '../canonical';
import { NODE_KINDS } from '../format/schema';
import type { LoadResult } from '../compiled';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const flowsDir = here('../../../../flows/');
const sources = [
  readFileSync(here('../../../../test/corpus/valid/mini.flow.json'), 'utf8'),
  ...(existsSync(flowsDir)
    ? readdirSync(flowsDir)
        .filter((f) => f.endsWith('.flow.json'))
        .map((f) => readFileSync(flowsDir + f, 'utf8'))
    : []),
];
const bases: unknown[] = sources.map((s) => JSON.parse(s));

type Json = unknown;
type Path = (string | number)[];

/** Every path to a value inside a document (the root excluded). */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, Json>);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

type Mutation = { op: 'delete' } | { op: 'set'; value: Json } | { op: 'kind'; kind: string };

function mutate(doc: Json, path: Path, m: Mutation): Json {
  const copy = structuredClone(doc) as Record<string | number, Json>;
  let parent: Record<string | number, Json> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.op === 'set') {
    parent[last] = m.value;
  } else if (parent[last] !== null && typeof parent[last] === 'object') {
    (parent[last] as Record<string, Json>).kind = m.kind;
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ op: 'delete' }),
  fc.jsonValue({ maxDepth: 3 }).map<Mutation>((value) => ({ op: 'set', value })),
  fc.string().map<Mutation>((value) => ({ op: 'set', value })),
  fc
    .constantFrom<Json>(null, 0, -1, 31, 1.5, true, '', [], {}, 'ende', 'https://x', 'http://x')
    .map<Mutation>((value) => ({ op: 'set', value })),
  fc.constantFrom(...NODE_KINDS, 'unknown').map<Mutation>((kind) => ({ op: 'kind', kind })),
);

/** A document with 1–4 random mutations applied at random places. */
const mutatedFlow = fc
  .tuple(
    fc.nat({ max: bases.length - 1 }),
    fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 4 }),
  )
  .map(([b, steps]) =>
    steps.reduce<Json>((doc, [i, m]) => {
      const paths = pathsOf(doc);
      return paths.length === 0 ? doc : mutate(doc, paths[i % paths.length], m);
    }, bases[b]),
  );

function expectWellFormed(result: LoadResult): void {
  if (result.ok) {
    expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(result.compiled.contentHash).toMatch(/^[0-9a-f]{64}$/);
  } else {
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  }
  for (const d of result.diagnostics) {
    // The loader turns its own crashes into this code; under fuzzing it must never appear.
    expect(d.code).not.toBe('format.internal-error');
    expect(typeof d.code).toBe('string');
    expect(typeof d.path).toBe('string');
    expect(d.message.de && d.message.en).toBeTruthy();
  }
}

describe('loadFlow under fuzzing', () => {
  it('never throws on random mutations of real flows (as object and as text)', () => {
    fc.assert(
      fc.property(mutatedFlow, (doc) => {
        expectWellFormed(loadFlow(doc));
        expectWellFormed(loadFlow(JSON.stringify(doc)));
      }),
      { numRuns: 600 },
    );
  });

  it('is deterministic, and a compiled flow written canonically loads to the same hash', () => {
    fc.assert(
      fc.property(mutatedFlow, (doc) => {
        const first = loadFlow(doc);
        expect(loadFlow(doc)).toEqual(first);
        if (!first.ok) return;
        const again = loadFlow(canonicalJson(first.compiled.flow));
        expect(again.ok && again.compiled.contentHash).toBe(first.compiled.contentHash);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => expectWellFormed(loadFlow(v))),
      { numRuns: 400 },
    );
  });

  it('never throws on random text and on truncated flow files', () => {
    const truncated = fc
      .tuple(fc.nat({ max: sources.length - 1 }), fc.nat())
      .map(([s, n]) => sources[s].slice(0, n % sources[s].length));
    fc.assert(
      fc.property(fc.oneof(fc.string(), truncated), (t) => expectWellFormed(loadFlow(t))),
      { numRuns: 400 },
    );
  });

  it('formats any mutated flow idempotently', () => {
    fc.assert(
      fc.property(mutatedFlow, (doc) => {
        const once = canonicalJson(doc);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
