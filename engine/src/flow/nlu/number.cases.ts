import type { Case, Table } from './cases.js';
import { parseNumber } from './number.js';

export type NumberCase = Case<number | null>;

const de = (text: string, want: number | null, miss?: string): NumberCase => ({
  lang: 'de',
  text,
  want,
  miss,
});
const en = (text: string, want: number | null, miss?: string): NumberCase => ({
  lang: 'en',
  text,
  want,
  miss,
});

export const NUMBER_CASES: readonly NumberCase[] = [
  de('zweiundvierzig', 42),
  de('42', 42),
  de('1.234', 1234),
  de('1.234.567', 1234567),
  de('2,5', 2.5),
  de('dreiundzwanzig', 23),
  de('neunzehnhundertachtzig', 1980),
  de('zweitausendvierundzwanzig', 2024),
  de('hundertzwanzig', 120),
  de('einhundertundeins', 101),
  de('zwo', 2),
  de('zwölf', 12),
  de('Wir sind zu dritt, also drei Personen', 3),
  de('Äh, so ungefähr fünfzehn', 15),
  de('zwei tausend fünfhundert', 2500),
  de('null', 0),
  de('dreißig', 30),
  de('zweiundvierzig Komma fünf', 42.5),
  de('so etwa neununddreißig komma acht Fieber', 39.8),
  de('keine Ahnung', null),
  de('ein paar', null),
  de('eine Person', 1),
  de('Wir kommen mit einer Handvoll Leute', null),
  en('twenty one', 21),
  en('twenty-one', 21),
  en('1,234', 1234),
  en('2.5', 2.5),
  en('two hundred and five', 205),
  en('a hundred', 100),
  en('three thousand four hundred', 3400),
  en('about fifteen I think', 15),
  en('zero', 0),
  en('ninety nine', 99),
  en('two point five', 2.5),
  en('no idea', null),
  en('a couple of them', null),
];

export const NUMBER_TABLE: Table<NumberCase> = {
  parser: 'parseNumber',
  cases: NUMBER_CASES,
  run: (c) => parseNumber(c.text, c.lang),
};
