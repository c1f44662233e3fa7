import type { Lang } from './lang.js';
import { normalize, wordTable } from './normalize.js';
import { numberWordValue } from './numberWords.js';

/**
 * Turns a spoken or typed phone number into runs of digit groups. A run is what the caller said
 * in one go; words that carry no digits but may sit inside a number ("äh", "und dann", "Strich")
 * do not end a run, any other word does ("nein", "die Nummer ist").
 */

/** Words that may appear between digit groups without ending the number. */
const GLUE = new Set([
  'aeh',
  'aehm',
  'aehem',
  'oeh',
  'hm',
  'hmm',
  'mh',
  'also',
  'und',
  'dann',
  'noch',
  'strich',
  'bindestrich',
  'schraegstrich',
  'slash',
  'leerzeichen',
  'um',
  'uh',
  'uhm',
  'er',
  'erm',
  'and',
  'then',
  'dash',
  'hyphen',
  'space',
  'so',
  'okay',
  'ok',
  'moment',
]);
/** Single digits as spoken on the phone; "ein/eine" are left out because they are also articles. */
const DIGIT_WORDS: Record<Lang, Record<string, string>> = {
  de: wordTable({
    null: '0',
    eins: '1',
    zwei: '2',
    zwo: '2',
    drei: '3',
    vier: '4',
    fuenf: '5',
    sechs: '6',
    sieben: '7',
    acht: '8',
    neun: '9',
  }),
  en: wordTable({
    zero: '0',
    oh: '0',
    o: '0',
    nought: '0',
    one: '1',
    two: '2',
    three: '3',
    four: '4',
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
  }),
};
const REPEAT: Record<string, number> = {
  doppel: 2,
  doppelt: 2,
  doppelte: 2,
  double: 2,
  dreifach: 3,
  triple: 3,
};

/** One chunk of digits the caller said ("0171", "23", "00"), or '+' for "plus". */
export type Run = string[];

/** Spelling out of a word that is a digit, or a number word read digit for digit ("dreiundzwanzig" → "23"). */
function digitsOf(word: string, lang: Lang): string | null {
  if (/^\d+$/.test(word)) return word;
  const d = DIGIT_WORDS[lang][word];
  if (d !== undefined) return d;
  if (lang === 'de' && /^ein(e[nmr]?)?$/.test(word)) return null;
  const v = numberWordValue(word, lang);
  return v === null ? null : String(v);
}

/** "doppel null", "doppelnull", "double seven" → the repeated digit string. */
function repeated(tokens: readonly string[], i: number, lang: Lang): { digits: string; used: number } | null {
  const w = tokens[i];
  for (const [prefix, times] of Object.entries(REPEAT)) {
    if (w === prefix) {
      const d = tokens[i + 1] === undefined ? null : digitsOf(tokens[i + 1], lang);
      return d !== null && d.length === 1 ? { digits: d.repeat(times), used: 2 } : null;
    }
    if (w.startsWith(prefix)) {
      const d = digitsOf(w.slice(prefix.length), lang);
      if (d !== null && d.length === 1) return { digits: d.repeat(times), used: 1 };
    }
  }
  return null;
}

/**
 * Recognisers write digits as look-alike words: "oh one seven one to three for", "null ein sieben".
 * Only inside a number (digits before and after) are they read as digits.
 */
const HOMOPHONES: Record<Lang, Record<string, string>> = {
  de: wordTable({ ein: '1', eine: '1' }),
  en: wordTable({ to: '2', too: '2', for: '4', won: '1', ate: '8' }),
};

function homophone(tokens: readonly string[], i: number, run: Run, lang: Lang): string | null {
  const d = HOMOPHONES[lang][tokens[i]];
  if (d === undefined || run.length === 0 || run[run.length - 1] === '+') return null;
  const next = tokens[i + 1];
  return next !== undefined && digitsOf(next, lang) !== null ? d : null;
}

/** English reads "twenty three" and "eight hundred" as one group. */
function englishGroup(tokens: readonly string[], i: number, first: string): { digits: string; used: number } {
  const v = Number(first);
  const next = tokens[i + 1];
  if (next === 'hundred' && v > 0 && v < 10) return { digits: `${v}00`, used: 2 };
  if (v >= 20 && v % 10 === 0 && first.length === 2 && next !== undefined) {
    const unit = DIGIT_WORDS.en[next];
    if (unit !== undefined && unit !== '0' && next !== 'oh' && next !== 'o')
      return { digits: String(v + Number(unit)), used: 2 };
  }
  return { digits: first, used: 1 };
}

function prepare(text: string): string[] {
  // "+49 (0) 171": the bracketed trunk zero is not dialled after a country code.
  const cleaned = text.replace(/\(\s*0\s*\)/g, ' ').replace(/\+/g, ' plus ');
  return normalize(cleaned).split(' ').filter(Boolean);
}

/** All runs of digit groups in `text`, in the order spoken. */
export function phoneRuns(text: string, lang: Lang): Run[] {
  const tokens = prepare(text);
  const runs: Run[] = [];
  let run: Run = [];
  const close = () => {
    if (run.some((g) => g !== '+')) runs.push(run);
    run = [];
  };
  for (let i = 0; i < tokens.length;) {
    const w = tokens[i];
    if (w === 'plus') {
      close();
      run.push('+');
      i++;
      continue;
    }
    const rep = repeated(tokens, i, lang);
    if (rep) {
      run.push(rep.digits);
      i += rep.used;
      continue;
    }
    const d = digitsOf(w, lang) ?? homophone(tokens, i, run, lang);
    if (d !== null) {
      const g = lang === 'en' && !/^\d+$/.test(w) ? englishGroup(tokens, i, d) : { digits: d, used: 1 };
      run.push(g.digits);
      i += g.used;
      continue;
    }
    if (!GLUE.has(w)) close();
    i++;
  }
  close();
  return runs;
}
