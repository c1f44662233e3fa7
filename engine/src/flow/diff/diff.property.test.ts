// Property test: whatever single value is changed somewhere in an example flow (outside layout
// and $schema), the diff notices it, names a path and says it in both languages — and never throws.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFlows } from './diff';
import { sameValue } from './values';

const examples = ['arztpraxis', 'kanzlei', 'support-desk'].map((name) =>
  JSON.parse(readFileSync(new URL(`../../../../flows/${name}.flow.json`, import.meta.url), 'utf8')),
);

/** Every path to a value in the document (objects and arrays included), except layout and $schema. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (prefix[0] === 'layout' || prefix[0] === '$schema') return [];
  const here = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

function setAt(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

const jsonValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

describe('diffFlows (property)', () => {
  it('reports every changed value with a path and German and English words', () => {
    const cases = fc.tuple(fc.nat(examples.length - 1), fc.nat(), jsonValue);
    fc.assert(
      fc.property(cases, ([which, pick, value]) => {
        const doc = examples[which];
        const all = paths(doc);
        const path = all[pick % all.length];
        const current = path.reduce((v: any, k) => v[k], doc);
        fc.pre(!sameValue(current, value));
        const changes = diffFlows(doc, setAt(doc, path, value));
        expect(changes.length).toBeGreaterThan(0);
        for (const c of changes) {
          expect(c.path).toMatch(/^\//);
          expect(c.message.de.length).toBeGreaterThan(0);
          expect(c.message.en.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });

  it('finds nothing between a flow and itself, and many changes between two different flows', () => {
    for (const doc of examples) expect(diffFlows(doc, structuredClone(doc))).toEqual([]);
    const [a, b] = examples;
    expect(diffFlows(a, b).length).toBeGreaterThan(10);
    expect(() => diffFlows(b, a)).not.toThrow();
  });
});
