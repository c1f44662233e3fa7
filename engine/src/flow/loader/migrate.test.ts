import { describe, expect, it } from 'vitest';
import { migrateFlow } from './migrate';

describe('migrateFlow', () => {
  it('leaves a current (v1) document as it is', () => {
    const doc = { schemaVersion: 1, id: 'x' };
    expect(migrateFlow(doc)).toEqual({ ok: true, doc, fromVersion: 1, toVersion: 1 });
  });

  it('applies each upgrade in turn and stamps the new version (mechanism for v2+)', () => {
    const registry = {
      current: 3,
      upgrades: {
        1: (d: Record<string, unknown>) => ({ ...d, greeting: d.hello }),
        2: (d: Record<string, unknown>) => {
          const { hello: _dropped, ...rest } = d;
          return rest;
        },
      },
    };
    const input = { schemaVersion: 1, hello: 'Guten Tag' };
    const result = migrateFlow(input, registry);
    expect(result).toEqual({
      ok: true,
      doc: { schemaVersion: 3, greeting: 'Guten Tag' },
      fromVersion: 1,
      toVersion: 3,
    });
    expect(input).toEqual({ schemaVersion: 1, hello: 'Guten Tag' });
  });

  it('says which step is missing when an upgrade is not registered', () => {
    const result = migrateFlow({ schemaVersion: 1 }, { current: 2, upgrades: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0].message.en).toContain('from format 1 to format 2');
  });

  it.each([
    [undefined, 'format.missing-version'],
    ['1', 'format.unknown-version'],
    [1.5, 'format.unknown-version'],
    [-1, 'format.unknown-version'],
    [2, 'format.future-version'],
  ])('refuses schemaVersion %j with %s at /schemaVersion', (version, code) => {
    const result = migrateFlow(version === undefined ? {} : { schemaVersion: version });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([[code, '/schemaVersion']]);
  });
});
