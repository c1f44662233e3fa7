import { normalize } from './normalize.js';

/**
 * Phrase spotting for small closed vocabularies (yes/no, human requests): at each word the longest
 * listed phrase wins and its words are consumed, so "kein Problem" is not also read as "kein" and
 * "I don't know" not as "don't".
 */
export type PhraseBook<S extends string> = ReadonlyArray<readonly [phrase: string, signal: S]>;

interface Compiled<S> {
  words: readonly string[];
  signal: S;
}

const cache = new WeakMap<object, Compiled<string>[]>();

function compile<S extends string>(book: PhraseBook<S>): Compiled<S>[] {
  let c = cache.get(book) as Compiled<S>[] | undefined;
  if (!c) {
    c = book
      .map(([p, signal]) => ({ words: normalize(p).split(' '), signal }))
      .sort((a, b) => b.words.length - a.words.length);
    cache.set(book, c as Compiled<string>[]);
  }
  return c;
}

/** A phrase found in a text: its signal and the words it covers, `[from, to)`. */
export interface Spotted<S> {
  signal: S;
  from: number;
  to: number;
}

/** Every phrase found in `words`, in order, with where it stands. */
export function spotAt<S extends string>(words: readonly string[], book: PhraseBook<S>): Spotted<S>[] {
  const phrases = compile(book);
  const found: Spotted<S>[] = [];
  for (let i = 0; i < words.length;) {
    const hit = phrases.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (hit) {
      found.push({ signal: hit.signal, from: i, to: i + hit.words.length });
      i += hit.words.length;
    } else i++;
  }
  return found;
}

/** The signals of all phrases found in `words`, in order. */
export function spot<S extends string>(words: readonly string[], book: PhraseBook<S>): S[] {
  return spotAt(words, book).map((s) => s.signal);
}
