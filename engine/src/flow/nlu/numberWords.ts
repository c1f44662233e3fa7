import type { Lang } from './lang.js';
import { wordTable } from './normalize.js';

/**
 * Number words, shared by phone, number and date/time parsing. Input words are already
 * normalize()d, so "fünf" arrives as "fuenf" and "dreißig" as "dreissig".
 */

const DE_UNITS: Record<string, number> = wordTable({
  null: 0,
  ein: 1,
  eins: 1,
  eine: 1,
  einen: 1,
  einem: 1,
  einer: 1,
  zwei: 2,
  zwo: 2,
  drei: 3,
  vier: 4,
  fuenf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
});
const DE_TEENS: Record<string, number> = wordTable({
  zehn: 10,
  elf: 11,
  zwoelf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fuenfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
});
const DE_TENS: Record<string, number> = wordTable({
  zwanzig: 20,
  dreissig: 30,
  dreizig: 30,
  vierzig: 40,
  fuenfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
});
const EN_SMALL: Record<string, number> = wordTable({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});
const EN_TENS: Record<string, number> = wordTable({
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});

/** German 0–99 in one word: "sieben", "zwoelf", "dreiundzwanzig", "einundneunzig". */
function deBelow100(w: string): number | null {
  if (w in DE_UNITS) return DE_UNITS[w];
  if (w in DE_TEENS) return DE_TEENS[w];
  if (w in DE_TENS) return DE_TENS[w];
  const und = w.indexOf('und');
  if (und <= 0) return null;
  const unit = DE_UNITS[w.slice(0, und)];
  const tens = DE_TENS[w.slice(und + 3)];
  return unit && unit > 0 && tens ? unit + tens : null;
}

/** German 0–9999 below a thousand, plus "neunzehnhundertachtzig" style years (19 × 100 + 80). */
function deBelow10000(w: string): number | null {
  const h = w.indexOf('hundert');
  if (h < 0) return deBelow100(w);
  const left = w.slice(0, h);
  const hundreds = left === '' ? 1 : deBelow100(left);
  let rest = w.slice(h + 7);
  if (rest.startsWith('und')) rest = rest.slice(3);
  const low = rest === '' ? 0 : deBelow100(rest);
  return hundreds !== null && hundreds > 0 && low !== null ? hundreds * 100 + low : null;
}

/** A whole German number written as one word, up to 999 999 ("zweitausendvierundzwanzig"). */
function deWord(w: string): number | null {
  const t = w.indexOf('tausend');
  if (t < 0) return deBelow10000(w);
  const left = w.slice(0, t);
  const thousands = left === '' ? 1 : deBelow10000(left);
  let rest = w.slice(t + 7);
  if (rest.startsWith('und')) rest = rest.slice(3);
  const low = rest === '' ? 0 : deBelow10000(rest);
  return thousands !== null && thousands > 0 && thousands < 1000 && low !== null && low < 1000
    ? thousands * 1000 + low
    : null;
}

/** English words are separate tokens ("twenty one"); a single token is 0–99 or a multiplier. */
function enWord(w: string): number | null {
  if (w in EN_SMALL) return EN_SMALL[w];
  if (w in EN_TENS) return EN_TENS[w];
  if (w === 'hundred') return 100;
  if (w === 'thousand') return 1000;
  return null;
}

/** Value of one normalized word in `lang`, or null if it is not a number word. */
export function numberWordValue(word: string, lang: Lang): number | null {
  return lang === 'de' ? deWord(word) : enWord(word);
}

/** True for words like "hundred"/"hundert" that multiply what came before. */
function isMultiplier(word: string, lang: Lang): 100 | 1000 | null {
  if (word === (lang === 'de' ? 'hundert' : 'hundred')) return 100;
  if (word === (lang === 'de' ? 'tausend' : 'thousand')) return 1000;
  return null;
}

/**
 * Reads one number from `tokens` starting at `from`: digits ("42"), single words
 * ("zweiundvierzig") or word sequences ("twenty one", "two hundred and five", "zwei tausend").
 * Returns the value and how many tokens it used, or null.
 */
export function readNumber(
  tokens: readonly string[],
  from: number,
  lang: Lang,
): { value: number; used: number } | null {
  const first = tokens[from];
  if (first === undefined) return null;
  if (/^\d+$/.test(first)) return { value: Number(first), used: 1 };
  let total = 0;
  let current: number | null = null;
  let i = from;
  for (; i < tokens.length; i++) {
    const w = tokens[i];
    const mult = isMultiplier(w, lang);
    if (mult === 1000) {
      total += (current ?? 1) * 1000;
      current = 0;
      continue;
    }
    if (mult === 100) {
      current = (current ?? 1) * 100;
      continue;
    }
    // "hundred and five", "hundert und eins"; but "zehn und zwölf" is two numbers.
    const afterHundreds =
      current !== null && ((current > 0 && current % 100 === 0) || (current === 0 && total > 0));
    if (
      (w === 'and' || w === 'und') &&
      afterHundreds &&
      i + 1 < tokens.length &&
      numberWordValue(tokens[i + 1], lang) !== null
    )
      continue;
    const v = numberWordValue(w, lang);
    if (v === null) break;
    if (current === null || (current === 0 && total > 0)) {
      current = v;
      continue;
    }
    const fitsAfter =
      (current % 100 === 0 && v < 100) ||
      (lang === 'en' && current % 10 === 0 && current % 100 >= 20 && v < 10);
    if (!fitsAfter) break;
    current += v;
  }
  if (current === null && total === 0) return null;
  return { value: total + (current ?? 0), used: i - from };
}
