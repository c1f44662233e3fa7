import type { Lang } from './lang.js';
import { words } from './normalize.js';

/**
 * Keyword spotting robust to case, umlaut spelling ("Aerztin" = "Ärztin"), simple inflection
 * ("Notfall" ~ "Notfalls" ~ "Notfälle", "Schmerzen" ~ "Schmerz") and surrounding words
 * ("Schmerzen in der Brust" inside "ich habe starke Schmerzen in der Brust").
 *
 * Rule: every keyword word must match the START of a text word, in order and adjacent. Prefix
 * matching is a deliberate trade-off for German compounds and inflection: "Notfall" also
 * matches "Notfallplan" and "Frist" matches "fristlos". A keyword never matches in the middle of
 * a word ("Fall" does not match "Notfall"). A phrase "X in der Y" also matches the German
 * compound "YX…" ("Schmerzen in der Brust" ~ "Brustschmerzen"). A negated mention does not count ("kein Notfall",
 * "nicht dringend", "not an emergency"); a later plain mention in the same turn still does.
 */

/** Umlauts are folded to "ae" by normalize(); plurals with umlaut ("Notfälle") need the plain vowel too. */
const plainVowels = (w: string) => w.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');

/** "schmerzen" → "schmerz", "notfalls" → "notfall": endings dropped while a stem of 4+ letters remains. */
function stem(w: string): string {
  const s = w.replace(/(en|es|er|e|n|s)$/, '');
  return s.length >= 4 ? s : w;
}

/** Keyword word, prepared once: the forms that may start a text word. */
interface KeyWord {
  full: string;
  stem: string;
  plain: string;
}

function prepare(kw: string): KeyWord {
  return { full: kw, stem: stem(kw), plain: plainVowels(stem(kw)) };
}

function wordMatches(word: string | undefined, kw: KeyWord): boolean {
  if (word === undefined) return false;
  return word.startsWith(kw.full) || word.startsWith(kw.stem) || plainVowels(word).startsWith(kw.plain);
}

/**
 * Keywords come from the flow and are the same on every turn: prepared once. The cache is
 * bounded so a long-running process with many flows cannot grow it without limit.
 */
interface Compiled {
  words: KeyWord[];
  /** German compound for "Schmerzen in der Brust": "Brustschmerz…" */ compound?: KeyWord;
}

const prepared = new Map<string, Compiled>();
const COMPOUND = /^(\S+) (?:in|im|an|am|auf|ueber) (?:der |dem |den |die )?(\S+)$/;

function compiled(keyword: string): Compiled {
  let kw = prepared.get(keyword);
  if (!kw) {
    if (prepared.size >= 5000) prepared.clear();
    const ws = words(keyword);
    const m = COMPOUND.exec(ws.join(' '));
    kw = { words: ws.map(prepare), compound: m ? prepare(stem(m[2]) + stem(m[1])) : undefined };
    prepared.set(keyword, kw);
  }
  return kw;
}

const NEGATORS = new Set([
  'kein',
  'keine',
  'keinen',
  'keinem',
  'keiner',
  'nicht',
  'no',
  'not',
  'non',
  'nie',
  'never',
]);
/** Words that may stand between a negator and the keyword: "kein echter Notfall", "not an emergency". */
const BETWEEN = new Set([
  'a',
  'an',
  'the',
  'real',
  'really',
  'so',
  'sehr',
  'echter',
  'echten',
  'richtiger',
  'richtigen',
  'wirklich',
  'wirklicher',
  'akuter',
  'ein',
  'eine',
  'einen',
]);

/** "kein Notfall", "nicht dringend", "not an emergency": the caller says it is NOT the case. */
function negated(t: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    if (NEGATORS.has(t[j])) return true;
    if (!BETWEEN.has(t[j])) return false;
  }
  return false;
}

/** Where `keyword` occurs, not negated: `[from, to)` in the text words, in order (the compound form last). */
export function keywordOccurrences(textWords: readonly string[], keyword: string): [number, number][] {
  const { words: kw, compound } = compiled(keyword);
  const out: [number, number][] = [];
  if (kw.length === 0) return out;
  for (let i = 0; i + kw.length <= textWords.length; i++) {
    if (kw.every((k, j) => wordMatches(textWords[i + j], k)) && !negated(textWords, i))
      out.push([i, i + kw.length]);
  }
  // The compound says the same thing in one word.
  if (compound)
    for (let i = 0; i < textWords.length; i++)
      if (wordMatches(textWords[i], compound) && !negated(textWords, i)) out.push([i, i + 1]);
  return out;
}

/** Number of words of `keyword` (the compound counts as the whole phrase) when it occurs, not negated; else 0. */
export function keywordMatchLength(textWords: readonly string[], keyword: string): number {
  return keywordOccurrences(textWords, keyword).length > 0 ? compiled(keyword).words.length : 0;
}

/** The first keyword (as given) found in `text`, or null. */
export function matchKeywords(text: string, keywords: readonly string[], _lang: Lang): string | null {
  const t = words(text);
  for (const keyword of keywords) if (keywordMatchLength(t, keyword) > 0) return keyword;
  return null;
}
