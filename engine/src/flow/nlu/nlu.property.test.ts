import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isHumanRequest,
  matchChoice,
  matchKeywords,
  normalize,
  parseDateTime,
  parseEmail,
  parseName,
  parseNumber,
  parsePhone,
  readbackPhone,
  understandYesNo,
  type Lang,
} from './index.js';

// Caller turns are arbitrary text (ASR output, typed test calls, prompt injection): no parser may
// throw, and whatever they return has the promised shape.
const WORDS = [
  'ja',
  'nein',
  'null',
  'eins',
  'zwo',
  'doppel',
  'plus',
  'morgen',
  'um',
  'halb',
  'uhr',
  'at',
  'punkt',
  'dot',
  'mein',
  'name',
  'ist',
  'Müller',
  'tomorrow',
  'oh',
  'double',
  'hundert',
  'dreiundzwanzig',
  'nächsten',
  'Dienstag',
  'zwischen',
  'und',
  'bis',
  '0171',
  '12:30',
  '14.04.',
  '+49',
  '(0)',
  '-',
  '/',
  'Mensch',
  'Notfall',
  'ä',
  'ß',
  '🙂',
  '\u0000',
  // Words that name Object.prototype's members: a lookup in a plain object literal finds them.
  'constructor',
  'toString',
  'valueOf',
  '',
];
const utterance = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((w) => w.join(' ')),
);
const lang = fc.constantFrom<Lang>('de', 'en');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/;

describe('nlu never throws and keeps its promises', () => {
  it('on arbitrary and word-salad input', () => {
    fc.assert(
      fc.property(utterance, lang, fc.integer({ min: 0, max: 4_000_000_000_000 }), (text, l, now) => {
        expect(['yes', 'no', 'unclear']).toContain(understandYesNo(text, l));
        const phone = parsePhone(text, l);
        if (phone) {
          expect(phone.e164).toMatch(/^\+\d{6,15}$/);
          expect(readbackPhone(phone.national, l).length).toBeGreaterThan(0);
        }
        const when = parseDateTime(text, l, { now: new Date(now).toISOString(), timeZone: 'Europe/Berlin' });
        if (when) {
          expect(when.start).toMatch(ISO);
          if (when.end) expect(Date.parse(when.end)).toBeGreaterThan(Date.parse(when.start));
        }
        const email = parseEmail(text, l);
        if (email) expect(email).toMatch(/^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/);
        const name = parseName(text, l);
        if (name) expect(name.trim()).toBe(name);
        const n = parseNumber(text, l);
        if (n !== null) expect(Number.isFinite(n)).toBe(true);
        const kw = matchKeywords(text, ['Notfall', 'Schmerzen in der Brust'], l);
        if (kw) expect(['Notfall', 'Schmerzen in der Brust']).toContain(kw);
        const choice = matchChoice(
          text,
          [
            { value: 'a', label: 'Termin' },
            { value: 'b', label: 'Rezept' },
          ],
          l,
        );
        if (choice) expect(['a', 'b']).toContain(choice);
        expect(typeof isHumanRequest(text, l)).toBe('boolean');
        expect(normalize(text)).toMatch(/^[a-z0-9 ]*$/);
      }),
      { numRuns: 300 },
    );
  });
});
