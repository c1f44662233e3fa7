import { describe, expect, it } from 'vitest';
import type { CallAction } from '../call/types';
import { hintsFor } from './hints';
import { baseFlow, compiled, drive, flowWith } from './testing';

const listens = (actions: CallAction[]) => actions.flatMap((a) => (a.type === 'listen' ? [a] : []));

describe('phrase hints per expected answer', () => {
  it('a yes/no question gets yes/no words; the triggers and the escape words stay', () => {
    const [first] = listens(drive(compiled(baseFlow()), []).actions);
    expect(first.expect).toBe('yesno');
    expect(first.hints).toEqual(expect.arrayContaining(['ja', 'nein', 'genau', 'Notfall', 'Mensch']));
  });

  it.each([
    ['date', ['Montag', 'März', 'übermorgen']],
    ['time', ['Uhr', 'halb', 'Viertel nach']],
    ['phone', ['null', 'zwo', 'plus']],
    ['email', ['at', 'Punkt', 'gmx']],
  ] as const)('a %s field gets its German vocabulary', (type, words) => {
    const f = flowWith({
      fragen: {
        kind: 'intake',
        fields: [{ key: 'x', label: 'X', type, prompt: 'Frage?' }],
        next: 'tschuess',
      },
    });
    const ask = listens(drive(f, ['ja']).last)[0];
    expect(ask.expect).toBe(type);
    expect(ask.hints).toEqual(expect.arrayContaining([...words]));
    expect(ask.hints).not.toContain('genau'); // not the yes/no words
  });

  it("speaks the flow's language, stays within 100 phrases of under 100 characters, and is shared", () => {
    const en = flowWith(
      {
        fragen: {
          kind: 'intake',
          fields: [{ key: 'd', label: 'D', type: 'date', prompt: 'When?' }],
          next: 'tschuess',
        },
      },
      (f) => (f.language = 'en-GB'),
    );
    const hints = hintsFor(en, 'fragen', 'date');
    expect(hints).toEqual(expect.arrayContaining(['tomorrow', 'March']));
    expect(hints).not.toContain('März');
    expect(hints.length).toBeLessThanOrEqual(100);
    expect(hints.every((h) => h.length > 0 && h.length < 100)).toBe(true);
    expect(hintsFor(en, 'fragen', 'date')).toBe(hints);
    expect(hintsFor(en, 'fragen', 'free')).not.toContain('tomorrow');
  });
});
