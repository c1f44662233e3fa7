import { describe, expect, it } from 'vitest';
import { readbackPhone } from './readback.js';

describe('readbackPhone', () => {
  const rows: Array<[string, 'de' | 'en', string]> = [
    ['0171 2345678', 'de', 'null eins sieben eins – zwo drei vier – fünf sechs – sieben acht'],
    ['030 123456', 'de', 'null drei null – eins zwo – drei vier – fünf sechs'],
    ['0221 4711', 'de', 'null zwo zwo eins – vier sieben eins eins'],
    ['+44 7911 123456', 'de', 'plus vier vier – sieben neun eins eins – eins zwo – drei vier – fünf sechs'],
    ['07911 123456', 'en', 'zero seven nine one one – one two – three four – five six'],
    ['(202) 555-0123', 'en', 'two zero two – five five five – zero one two three'],
  ];
  for (const [national, lang, spoken] of rows) {
    it(`${lang}: ${national}`, () => expect(readbackPhone(national, lang)).toBe(spoken));
  }
  it('speaks every digit exactly once, in order', () => {
    const spoken = readbackPhone('0171 23456789', 'de');
    const words = ['null', 'eins', 'zwo', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'];
    const digits = spoken
      .split(/[\s–]+/)
      .filter(Boolean)
      .map((w) => words.indexOf(w))
      .join('');
    expect(digits).toBe('017123456789');
  });
});
