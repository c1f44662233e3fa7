import type { Lang } from './lang.js';
import { keywordMatchLength } from './keywords.js';
import { words, wordTable } from './normalize.js';

export interface ChoiceOption {
  value: string;
  label: string;
  keywords?: readonly string[];
}

const ORDINALS: Record<Lang, Record<string, number>> = {
  de: wordTable({
    erste: 0,
    ersten: 0,
    erstes: 0,
    eins: 0,
    zweite: 1,
    zweiten: 1,
    zweites: 1,
    zwei: 1,
    zwo: 1,
    dritte: 2,
    dritten: 2,
    drei: 2,
    vierte: 3,
    vierten: 3,
    vier: 3,
    fuenfte: 4,
    fuenf: 4,
    letzte: -1,
    letzten: -1,
    letztes: -1,
  }),
  en: wordTable({
    first: 0,
    one: 0,
    second: 1,
    two: 1,
    third: 2,
    three: 2,
    fourth: 3,
    four: 3,
    fifth: 4,
    five: 4,
    last: -1,
  }),
};

/** "die zweite", "Nummer zwei", "the last one": position in the list as read to the caller. */
function byPosition(t: readonly string[], count: number, lang: Lang): number | null {
  for (const w of t) {
    const pos = /^\d$/.test(w) ? Number(w) - 1 : ORDINALS[lang][w];
    if (pos === undefined) continue;
    const index = pos < 0 ? count + pos : pos;
    if (index >= 0 && index < count) return index;
  }
  return null;
}

const sharedCache = new WeakMap<readonly ChoiceOption[], Set<string>>();

/** Words that occur in more than one choice ("Termin" in "Termin vereinbaren" and "Termin absagen"); per choices list, once. */
function sharedWords(choices: readonly ChoiceOption[]): Set<string> {
  let shared = sharedCache.get(choices);
  if (!shared) {
    shared = computeShared(choices);
    sharedCache.set(choices, shared);
  }
  return shared;
}

function computeShared(choices: readonly ChoiceOption[]): Set<string> {
  const seen = new Map<string, number>();
  choices.forEach((c, i) => {
    for (const w of new Set([c.label, ...(c.keywords ?? [])].flatMap((k) => words(k))))
      seen.set(w, seen.has(w) && seen.get(w) !== i ? -1 : i);
  });
  return new Set([...seen].filter(([, i]) => i === -1).map(([w]) => w));
}

/** Matched words, plus half a point when the keyword is specific to its choice, so "verschieben" beats a shared "Termin". */
function score(t: readonly string[], keyword: string, shared: ReadonlySet<string>): number {
  const len = keywordMatchLength(t, keyword);
  return len > 0 && words(keyword).every((w) => !shared.has(w)) ? len + 0.5 : len;
}

/**
 * The value of the choice the caller named, by its label or one of its keywords; the longest
 * match wins ("Termin absagen" over "Termin"), specific words beat words several choices share,
 * a tie between choices is no answer. Failing that,
 * the position ("die zweite", "the first one").
 */
export function matchChoice(text: string, choices: readonly ChoiceOption[], lang: Lang): string | null {
  const t = words(text);
  const shared = sharedWords(choices);
  let best = 0;
  let winners: string[] = [];
  for (const c of choices) {
    const len = Math.max(...[c.label, ...(c.keywords ?? [])].map((k) => score(t, k, shared)));
    if (len > best) {
      best = len;
      winners = [c.value];
    } else if (len === best && len > 0) winners.push(c.value);
  }
  if (best > 0) return winners.length === 1 ? winners[0] : null;
  const index = byPosition(t, choices.length, lang);
  return index === null ? null : choices[index].value;
}
