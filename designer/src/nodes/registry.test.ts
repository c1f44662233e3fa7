import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../../../engine/src/flow/format/schema';
import { Value } from '@sinclair/typebox/value';
import { PALETTE_ORDER, REGISTRY } from './registry';

describe('node registry', () => {
  it('has a definition for every engine node kind, under the same kind string', () => {
    expect(Object.keys(REGISTRY).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(REGISTRY[kind].kind).toBe(kind);
    expect([...PALETTE_ORDER].sort()).toEqual([...NODE_KINDS].sort());
  });

  it.each([...NODE_KINDS])('%s: a new step is valid once its outcomes are connected', (kind) => {
    const def = REGISTRY[kind];
    let node = def.create('de');
    for (const h of def.outputs(node)) node = def.withTarget(node, h.id, 'ziel');
    expect(Value.Errors(def.schema, node).First()?.message).toBeUndefined();
    for (const h of def.outputs(node)) expect(def.getTarget(node, h.id)).toBe('ziel');
  });

  it('labels every outcome in German and English, as the glossary says', () => {
    const consent = REGISTRY.consent;
    expect(consent.outputs(consent.create('de')).map((h) => h.label.de)).toEqual(['ja', 'nein', 'unklar']);
    const branch = REGISTRY.branch;
    expect(branch.outputs(branch.create('de')).at(-1)?.label.de).toBe('Sonst');
    expect(REGISTRY.handoff.outputs(REGISTRY.handoff.create('de'))[0].label.de).toBe('Rückfall');
    expect(REGISTRY.hours.outputs(REGISTRY.hours.create('de')).map((h) => h.label.de)).toEqual([
      'geöffnet',
      'geschlossen',
    ]);
    expect(REGISTRY.intake.label.de).toBe('Abfrage');
  });
});
