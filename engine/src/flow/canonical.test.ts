import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { canonicalJson } from './canonical';
import { contentHash } from './hash';

const fixture = (): Record<string, any> =>
  JSON.parse(readFileSync(new URL('../../../test/corpus/valid/mini.flow.json', import.meta.url), 'utf8'));

describe('canonicalJson', () => {
  it('is idempotent: formatting a formatted file changes nothing', () => {
    const once = canonicalJson(fixture());
    expect(canonicalJson(JSON.parse(once))).toBe(once);
  });

  it('writes 2-space indent and exactly one trailing newline', () => {
    const text = canonicalJson({ b: { c: 1 } });
    expect(text).toBe('{\n  "b": {\n    "c": 1\n  }\n}\n');
  });

  it('puts flow keys in reading order regardless of input order', () => {
    const text = canonicalJson({
      layout: {},
      nodes: {},
      start: 'a',
      id: 'x',
      schemaVersion: 1,
      $schema: 's',
    });
    expect(Object.keys(JSON.parse(text))).toEqual([
      '$schema',
      'schemaVersion',
      'id',
      'start',
      'nodes',
      'layout',
    ]);
  });

  it('starts every step with its kind and ends it with where it goes', () => {
    const text = canonicalJson({ nodes: { a: { next: 'b', text: 'Hallo', title: 'Gruß', kind: 'say' } } });
    expect(Object.keys(JSON.parse(text).nodes.a)).toEqual(['kind', 'title', 'text', 'next']);
  });

  it('orders unknown keys alphabetically after known ones and keeps array order', () => {
    const text = canonicalJson({ zeta: 1, alpha: 2, id: 'x', list: [3, 1, 2] });
    expect(Object.keys(JSON.parse(text))).toEqual(['id', 'alpha', 'list', 'zeta']);
    expect(JSON.parse(text).list).toEqual([3, 1, 2]);
  });

  it('keeps short keyword lists on one line and breaks long ones', () => {
    expect(canonicalJson({ keywords: ['a', 'b'] })).toContain('"keywords": ["a", "b"]');
    const long = Array.from({ length: 30 }, (_, i) => `Stichwort${i}`);
    expect(canonicalJson({ keywords: long }).split('\n').length).toBeGreaterThan(30);
  });
});

describe('contentHash', () => {
  it('ignores layout and $schema', () => {
    const a = fixture();
    const b: Record<string, unknown> = {
      ...fixture(),
      layout: { nodes: { begruessung: { x: 500, y: 20 } } },
    };
    delete b.$schema;
    expect(contentHash(b)).toBe(contentHash(a));
  });

  it('ignores key order (it hashes the canonical form)', () => {
    const a = fixture();
    const reversed = Object.fromEntries(Object.entries(a).reverse());
    expect(contentHash(reversed)).toBe(contentHash(a));
  });

  it('changes when the logic changes', () => {
    const a = fixture();
    const b = fixture();
    b.nodes.abschied.text = 'Tschüss.';
    expect(contentHash(b)).not.toBe(contentHash(a));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
