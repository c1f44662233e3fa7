import { describe, expect, it } from 'vitest';
import { drive, flowWith } from '../interpreter/testing';

const end = { kind: 'end', text: 'Tschüss.' } as const;

describe('branch node', () => {
  const byPrompt = flowWith({
    fragen: {
      kind: 'branch',
      prompt: 'Rezept oder Termin?',
      options: [
        { id: 'rezept', label: 'Rezept', keywords: ['Rezept', 'Medikament'], next: 'r' },
        { id: 'termin', label: 'Termin', keywords: ['Termin'], next: 't' },
      ],
      default: 'd',
    },
    r: end,
    t: end,
    d: end,
  });

  it.each([
    ['Ich brauche ein neues Rezept', 'r'],
    ['wegen meiner Medikamente', 'r'],
    ['Ich möchte einen Termin', 't'],
    ['Etwas ganz anderes', 'd'],
  ])('"%s" → %s', (answer, node) => {
    expect(drive(byPrompt, ['ja', answer]).state.path.at(-1)).toBe(node);
  });

  it('offers the option keywords as speech hints and picks the n-th option by key', () => {
    const d = drive(byPrompt, ['ja']);
    expect(d.last.at(-1)).toMatchObject({ type: 'listen', expect: 'choice' });
    expect(d.last.at(-1)).toHaveProperty(
      'hints',
      expect.arrayContaining(['Rezept', 'Medikament', 'Termin', 'Mensch']),
    );
    expect(drive(byPrompt, ['ja', { dtmf: '2' }]).state.path.at(-1)).toBe('t');
  });

  it('branches on a collected field without asking', () => {
    const flow = flowWith({
      fragen: {
        kind: 'intake',
        fields: [{ key: 'anliegen', label: 'Anliegen', type: 'text', prompt: 'Worum geht es?' }],
        next: 'weiche',
      },
      weiche: {
        kind: 'branch',
        field: 'anliegen',
        options: [{ id: 'rezept', label: 'Rezept', keywords: ['Rezept'], next: 'r' }],
        default: 'd',
      },
      r: end,
      d: end,
    });
    expect(drive(flow, ['ja', 'Ein neues Rezept bitte']).state.path).toEqual([
      'hallo',
      'fragen',
      'weiche',
      'r',
    ]);
    expect(drive(flow, ['ja', 'Eine Frage zur Rechnung']).state.path).toEqual([
      'hallo',
      'fragen',
      'weiche',
      'd',
    ]);
  });
});
