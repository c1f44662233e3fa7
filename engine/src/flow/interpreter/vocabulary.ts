// Words callers use to answer a question of a given type, per language: phrase hints that bias
// speech recognition towards them (Google `speechContexts[].phrases`: plain words and short
// phrases, each well under Google's 100-character limit). Deliberately no Google class tokens
// (`$MONTH`, `$OOV_CLASS_DIGIT_SEQUENCE` …): their support for de-DE is unverified and an
// unsupported token can fail the whole request — plain words work with every model.
import type { Lang } from '../nlu';
import type { ListenExpect } from '../call/types';

type Vocabulary = Partial<Record<ListenExpect, readonly string[]>>;

const DIGITS = {
  de: ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zwo'],
  en: ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'double'],
};
const DAYS = {
  de: [
    'heute',
    'morgen',
    'übermorgen',
    'Montag',
    'Dienstag',
    'Mittwoch',
    'Donnerstag',
    'Freitag',
    'Samstag',
    'Sonntag',
    'nächste Woche',
  ],
  en: [
    'today',
    'tomorrow',
    'day after tomorrow',
    'Monday',
    'Tuesday',
    'Wednesday',
    'Thursday',
    'Friday',
    'Saturday',
    'Sunday',
    'next week',
  ],
};
const MONTHS = {
  de: [
    'Januar',
    'Jänner',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
const TIMES = {
  de: [
    'Uhr',
    'halb',
    'Viertel nach',
    'Viertel vor',
    'vormittags',
    'nachmittags',
    'abends',
    'mittags',
    'früh',
    'so bald wie möglich',
  ],
  en: [
    "o'clock",
    'half past',
    'quarter past',
    'quarter to',
    'in the morning',
    'in the afternoon',
    'in the evening',
    'noon',
    'as soon as possible',
  ],
};
const YES_NO = {
  de: [
    'ja',
    'nein',
    'genau',
    'richtig',
    'stimmt',
    'korrekt',
    'nein danke',
    'auf keinen Fall',
    'einverstanden',
  ],
  en: ['yes', 'no', 'yeah', 'correct', "that's right", 'no thanks', 'not at all', 'agreed'],
};

const VOCABULARY: Record<Lang, Vocabulary> = {
  de: {
    phone: [...DIGITS.de, 'plus', 'plus neun vier', 'null null', 'Vorwahl', 'Handynummer', 'Festnetz'],
    number: [...DIGITS.de, 'zehn', 'zwanzig', 'hundert', 'tausend', 'Komma'],
    email: [
      'at',
      'ät',
      'Punkt',
      'Bindestrich',
      'Unterstrich',
      'Punkt de',
      'Punkt com',
      'gmail',
      'gmx',
      'web.de',
      't-online',
      'outlook',
    ],
    date: [...DAYS.de, ...MONTHS.de, 'erster', 'zweiter', 'dritter', 'zehnter', 'zwanzigster', 'dreißigster'],
    time: TIMES.de,
    datetime: [...DAYS.de, ...TIMES.de],
    yesno: YES_NO.de,
  },
  en: {
    phone: [...DIGITS.en, 'plus', 'area code', 'mobile number', 'landline'],
    number: [...DIGITS.en, 'ten', 'twenty', 'hundred', 'thousand', 'point'],
    email: [
      'at',
      'dot',
      'dash',
      'hyphen',
      'underscore',
      'dot com',
      'dot co dot uk',
      'gmail',
      'outlook',
      'yahoo',
      'hotmail',
    ],
    date: [...DAYS.en, ...MONTHS.en, 'first', 'second', 'third', 'tenth', 'twentieth', 'thirtieth'],
    time: TIMES.en,
    datetime: [...DAYS.en, ...TIMES.en],
    yesno: YES_NO.en,
  },
};

/** Typical answer words for `expect` in `lang`; empty for free text, names and choices (the flow's own words cover those). */
export function vocabularyFor(expect: ListenExpect, lang: Lang): readonly string[] {
  return VOCABULARY[lang][expect] ?? [];
}
