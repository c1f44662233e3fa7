import { describe, expect, it } from 'vitest';
import type { ExtractionField, ExtractionFieldType } from '../../ports/extractor.js';
import { obviousValue } from './obvious-values.js';

const field = (type: ExtractionFieldType): ExtractionField => ({
  key: 'f',
  type,
  label: 'F',
  ...(type === 'choice' && {
    choices: [
      { value: 'termin', label: 'Termin' },
      { value: 'rezept', label: 'Rezeptbestellung' },
    ],
  }),
});

describe('obviousValue (the fakes’ stand-in for a model)', () => {
  it.each<[ExtractionFieldType, string, unknown]>([
    ['phone', 'Meine Nummer ist 0171 555 01 99, danke', '01715550199'],
    ['phone', 'plus: +49 30 1234567', '+49301234567'],
    ['phone', 'weiß ich nicht', null],
    ['email', 'Schreiben Sie an Jana.Meier@Example.org bitte', 'jana.meier@example.org'],
    ['name', 'Hallo, mein Name ist Jana Meier', 'Jana Meier'],
    ['name', 'Hier spricht Özlem Yılmaz.', 'Özlem Yılmaz'],
    ['name', 'my name is John Smith', 'John Smith'],
    ['name', 'ich möchte einen Termin', null],
    ['number', 'wir sind 3 Personen, Telefon 0171 5550199', 3],
    ['number', 'ungefähr 2,5 Stunden', 2.5],
    ['yesno', 'Ja, gerne', true],
    ['yesno', 'nein danke', false],
    ['yesno', 'ja, nein, ich weiß nicht', false],
    ['yesno', 'vielleicht', null],
    ['choice', 'Ich brauche eine Rezeptbestellung', 'rezept'],
    ['choice', 'einen TERMIN bitte', 'termin'],
    ['choice', 'etwas anderes', null],
    ['date', 'am 2026-12-01', '2026-12-01'],
    ['time', 'so gegen 9:30', '9:30'],
    ['datetime', 'am 2026-12-01 um 9:30', '2026-12-01T09:30'],
    ['text', '  Mein Knie tut weh  ', 'Mein Knie tut weh'],
    ['text', '   ', null],
  ])('%s from %j → %j', (type, text, expected) => {
    expect(obviousValue(field(type), text)).toEqual(expected);
  });
});
