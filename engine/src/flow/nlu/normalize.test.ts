import { describe, expect, it } from 'vitest';
import { langOf } from './lang.js';
import { normalize } from './normalize.js';
import { numberWordValue, readNumber } from './numberWords.js';

describe('normalize', () => {
  const rows: Array<[string, string]> = [
    ['Ärztin', 'aerztin'],
    ['Aerztin', 'aerztin'],
    ['Straße', 'strasse'],
    ['  Ja,   GERNE!  ', 'ja gerne'],
    ["I'd rather not", 'id rather not'],
    ['doppel-null', 'doppel null'],
    ['Café Müller…', 'cafe mueller'],
    ['Über 0171/234', 'ueber 0171 234'],
  ];
  for (const [input, out] of rows)
    it(`${JSON.stringify(input)} → ${JSON.stringify(out)}`, () => expect(normalize(input)).toBe(out));
});

describe('langOf', () => {
  it('maps BCP 47 tags to the parser language, German by default', () => {
    expect(langOf('de-DE')).toBe('de');
    expect(langOf('de-AT')).toBe('de');
    expect(langOf('en-GB')).toBe('en');
    expect(langOf('en-US')).toBe('en');
    expect(langOf('fr-FR')).toBe('de');
  });
});

describe('number words', () => {
  const de: Array<[string, number | null]> = [
    ['null', 0],
    ['zwo', 2],
    ['elf', 11],
    ['sechzehn', 16],
    ['siebzehn', 17],
    ['dreiundzwanzig', 23],
    ['einundneunzig', 91],
    ['hundert', 100],
    ['einhundertzwei', 102],
    ['neunzehnhundert', 1900],
    ['neunzehnhundertneunundneunzig', 1999],
    ['zweitausendvierundzwanzig', 2024],
    ['dreissig', 30],
    ['undzwanzig', null],
    ['banane', null],
    ['hundertmal', null],
  ];
  for (const [w, v] of de) it(`de ${w} → ${v}`, () => expect(numberWordValue(w, 'de')).toBe(v));
  it('reads English word sequences as one number and stops where the number ends', () => {
    expect(readNumber(['twenty', 'one', 'people'], 0, 'en')).toEqual({ value: 21, used: 2 });
    expect(readNumber(['two', 'hundred', 'and', 'five'], 0, 'en')).toEqual({ value: 205, used: 4 });
    expect(readNumber(['two', 'three'], 0, 'en')).toEqual({ value: 2, used: 1 });
    expect(readNumber(['zwei', 'tausend', 'fuenfhundert'], 0, 'de')).toEqual({ value: 2500, used: 3 });
    expect(readNumber(['zwei', 'tausend', 'und', 'fuenf'], 0, 'de')).toEqual({ value: 2005, used: 4 });
    expect(readNumber(['zehn', 'und', 'zwoelf'], 0, 'de')).toEqual({ value: 10, used: 1 });
  });
});
