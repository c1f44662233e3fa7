import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOf } from './flowFacts';

const arztpraxis = JSON.parse(
  readFileSync(join(__dirname, '../../../../flows/arztpraxis.flow.json'), 'utf8'),
) as {
  settings: Record<string, unknown>;
};

describe('what the inbox reads from the flow that took the call', () => {
  it("shows the flow's labels for the details, not the keys", () => {
    const facts = factsOf(arztpraxis, 'de');
    expect(facts.labels.anliegen).toBe('Anliegen');
    expect(facts.labels.geburtsdatum).toMatch(/Geburtsdatum/);
    expect(facts.immediate).toBe(false);
  });

  it('knows that "Erledigt" deletes the note when the retention is "immediate"', () => {
    const flow = { ...arztpraxis, settings: { ...arztpraxis.settings, retention: { mode: 'immediate' } } };
    expect(factsOf(flow, 'de').immediate).toBe(true);
  });

  it('tolerates a document it cannot read (no labels, not immediate)', () => {
    expect(factsOf(undefined, 'de')).toEqual({ labels: {}, immediate: false });
    expect(
      factsOf({ nodes: { a: { fields: [{ key: 'x', label: { de: 'Iks', en: 'Ex' } }] } } }, 'en').labels,
    ).toEqual({ x: 'Ex' });
  });
});
