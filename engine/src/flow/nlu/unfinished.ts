// Whether a caller's words stop where an answer cannot end. Speech recognisers settle a result at
// every pause, so "Mein Name ist …" or "null eins sieben …" arrive as a final result of their own
// while the caller is still getting to the rest. These checks look only at the last word; the
// interpreter combines them with the step's own parser (flow/interpreter/answer-verdict.ts).
import { MONTHS, ordinalValue, WEEKDAYS } from './datetimeLexicon.js';
import type { Lang } from './lang.js';
import { words } from './normalize.js';
import { numberWordValue } from './numberWords.js';

/**
 * Words nobody ends an answer with (normalize()d): conjunctions, articles, possessives,
 * hesitations, the verbs that introduce a name or a wish, and prepositions that need what
 * follows. Deliberately short: a wrong "partial" only costs a moment's wait, but German verb
 * particles ("läuft am Freitag ab", "rufe an") and English stranded prepositions ("the one I'm
 * calling from", "log in") do end sentences, so those words are not listed.
 */
const DANGLING: Record<Lang, ReadonlySet<string>> = {
  de: new Set(
    [
      'und oder aber sondern denn weil dass ob wenn als wie sowie beziehungsweise bzw also',
      'aeh aehm aehh oeh oehm hm hmm',
      'der die das den dem des ein eine einen einem einer eines',
      'mein meine meinen meinem meiner meines',
      'am um im in bei von vom zum zur fuer bis gegen ueber unter zwischen wegen seit',
      'ist sind bin heisse heisst lautet habe hab hat moechte brauche',
    ]
      .join(' ')
      .split(' '),
  ),
  en: new Set(
    ['and or but because if', 'uh um er erm hmm', 'the a an my your our', 'at', 'is are was im its']
      .join(' ')
      .split(' '),
  ),
};

/** Words between the parts of a spoken e-mail address ("anna punkt schmidt at …"). */
const EMAIL_SEPARATORS = new Set([
  'punkt',
  'dot',
  'at',
  'aet',
  'minus',
  'bindestrich',
  'strich',
  'unterstrich',
  'underscore',
  'dash',
  'hyphen',
]);

/** Digits read one by one: "oh", "doppel", "double", "triple" are no number words but belong to a number. */
const DIGIT_HELPERS: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['doppel', 'doppelt', 'doppelte', 'dreifach', 'plus']),
  en: new Set(['oh', 'o', 'double', 'triple', 'plus']),
};

const lastWord = (text: string): string | undefined => words(text).at(-1);

/** The caller stopped mid-sentence: "am", "und", "äh", "mein Name ist". */
export function endsMidSentence(text: string, lang: Lang): boolean {
  const last = lastWord(text);
  return last !== undefined && DANGLING[lang].has(last);
}

/** What the caller is dictating: digits (phone, number), a date, an e-mail address. */
export type Dictation = 'number' | 'date' | 'email';

function isNumberWord(word: string, lang: Lang): boolean {
  return /^\d+$/.test(word) || numberWordValue(word, lang) !== null || DIGIT_HELPERS[lang].has(word);
}

/**
 * The words end like the middle of a dictated value, so more is likely to follow: a digit or
 * number word ("null eins sieben"), for dates also an ordinal, month or weekday ("am dritten",
 * "Dienstag"), for e-mail a separator ("anna punkt").
 */
export function endsInDictation(text: string, lang: Lang, kind: Dictation): boolean {
  const last = lastWord(text);
  if (last === undefined) return false;
  if (kind === 'email') return EMAIL_SEPARATORS.has(last);
  if (isNumberWord(last, lang)) return true;
  return (
    kind === 'date' &&
    (ordinalValue(last, lang) !== null ||
      Object.hasOwn(MONTHS[lang], last) ||
      Object.hasOwn(WEEKDAYS[lang], last))
  );
}
