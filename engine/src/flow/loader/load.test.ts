import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadFlow } from './load';
import { contentHash } from '../hash';
import { canonicalJson } from '../canonical';

const text = readFileSync(new URL('../../../../test/corpus/valid/mini.flow.json', import.meta.url), 'utf8');
const fixture = (): Record<string, any> => JSON.parse(text);
const codes = (input: unknown): string[] => loadFlow(input).diagnostics.map((d) => d.code);

describe('loadFlow', () => {
  it('compiles a valid flow from text and from a parsed object alike', () => {
    const fromText = loadFlow(text);
    const fromObject = loadFlow(fixture());
    expect(fromText.ok).toBe(true);
    expect(fromObject.ok).toBe(true);
    if (!fromText.ok || !fromObject.ok) return;
    expect(fromText.compiled.contentHash).toBe(fromObject.compiled.contentHash);
    expect(fromText.compiled.contentHash).toBe(contentHash(fromText.compiled.flow));
  });

  it('hashes the flow as it runs: writing out defaults or storing the compiled flow keeps the hash', () => {
    const first = loadFlow(text);
    if (!first.ok) throw new Error('fixture must load');
    const explicit = fixture();
    explicit.nodes.begruessung.maxAttempts = 2;
    const second = loadFlow(explicit);
    const stored = loadFlow(canonicalJson(first.compiled.flow));
    expect(second.ok && second.compiled.contentHash).toBe(first.compiled.contentHash);
    expect(stored.ok && stored.compiled.contentHash).toBe(first.compiled.contentHash);
    const changed = fixture();
    changed.nodes.begruessung.maxAttempts = 3;
    const third = loadFlow(changed);
    expect(third.ok && third.compiled.contentHash).not.toBe(first.compiled.contentHash);
  });

  it('rejects absurdly deep nesting as a schema problem, not an internal error', () => {
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    expect(codes(`{"schemaVersion":1,"x":${deep}}`)).not.toContain('format.internal-error');
    expect(
      codes(`{"schemaVersion":1,"nodes":{"a":{"kind":"say","text":"x","next":"a","n":${deep}}}}`),
    ).not.toContain('format.internal-error');
  });

  it('fills in defaults the interpreter relies on, without touching the caller’s object', () => {
    const input = fixture();
    const result = loadFlow(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const consent = result.compiled.nodes.begruessung;
    expect(consent.kind === 'consent' && consent.maxAttempts).toBe(2);
    const intake = result.compiled.nodes.angaben;
    expect(intake.kind === 'intake' && intake.fields[0].required).toBe(true);
    expect(input.nodes.begruessung.maxAttempts).toBeUndefined();
  });

  it('reports invalid JSON with line and column', () => {
    const result = loadFlow('{\n  "schemaVersion": 1,\n  "id": "x",,\n}');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0].code).toBe('format.invalid-json');
    expect(result.diagnostics[0].location).toEqual({ line: 3, column: 13 });
    expect(result.diagnostics[0].message.de).toContain('Zeile 3, Spalte 13');
  });

  it.each([
    ['a number', 5, 'format.not-an-object'],
    ['an array', [], 'format.not-an-object'],
    ['null', null, 'format.not-an-object'],
    ['no version', {}, 'format.missing-version'],
    ['version as text', { schemaVersion: '1' }, 'format.unknown-version'],
    ['version 0', { schemaVersion: 0 }, 'format.unknown-version'],
    ['a future version', { schemaVersion: 2 }, 'format.future-version'],
  ])('refuses %s with a clear code', (_label, input, code) => {
    expect(codes(input)).toEqual([code]);
  });

  it('refuses data that is not JSON (a self-reference) without throwing', () => {
    const cyclic: Record<string, unknown> = { schemaVersion: 1 };
    cyclic.self = cyclic;
    expect(codes(cyclic)).toEqual(['format.not-json-data']);
  });

  it('reports all schema problems at once, each once, with node ids', () => {
    const bad = fixture();
    bad.settings.retention = { mode: 'ttl', days: 45 };
    bad.nodes.weiche.kind = 'weiche';
    bad.nodes.angaben.fields[0].type = 'vorname';
    delete bad.nodes.rueckruf.next;
    const result = loadFlow(bad);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.nodeId])).toEqual(
      expect.arrayContaining([
        ['retention.too-long', undefined],
        ['schema.unknown-kind', 'weiche'],
        ['schema.not-allowed', 'angaben'],
        ['schema.missing', 'rueckruf'],
      ]),
    );
    expect(result.diagnostics).toHaveLength(4);
  });
});

describe('schema messages', () => {
  const messages = (change: (f: Record<string, any>) => void): string[] => {
    const flow = fixture();
    change(flow);
    return loadFlow(flow).diagnostics.map((d) => d.message.de);
  };

  it('name the property in plain words, the step and the detail, with an example of the right form', () => {
    expect(messages((f) => (f.nodes.angaben.fields[0].key = 'Name'))).toEqual([
      '„Schlüssel (key)“ im Schritt „angaben“, Angabe Nr. 1 hat nicht die richtige Form (Beispiel: rueckrufnummer).',
    ]);
    expect(messages((f) => (f.settings.businessHours.weekly.mon = [['8:00', '12:00']]))[0]).toContain(
      'Montag',
    );
  });

  it('collapse a wrong retention mode into one message listing the allowed modes', () => {
    const result = loadFlow({
      ...fixture(),
      settings: { ...fixture().settings, retention: { mode: 'forever' } },
    });
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['schema.not-allowed', '/settings/retention/mode'],
    ]);
    expect(result.diagnostics[0].message.en).toContain('"immediate", "ttl", "archive"');
  });
});

describe('union messages', () => {
  it('say which property is missing when every alternative lacks it (retention without mode)', () => {
    const flow = fixture();
    flow.settings.retention = { days: 7 };
    const result = loadFlow(flow);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['schema.missing', '/settings/retention/mode'],
    ]);
  });
});
