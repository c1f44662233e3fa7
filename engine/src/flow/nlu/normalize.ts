/**
 * The one canonical form all matching runs on: speech recognisers and typists disagree on case,
 * umlauts ("Aerztin" vs "Ärztin"), ß and punctuation, callers never mean anything by them.
 */
const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Lowercase, umlauts folded (ä→ae, ö→oe, ü→ue), ß→ss, other accents stripped (é→e),
 * apostrophes dropped ("I'd" → "id"), every other punctuation mark → space, whitespace collapsed.
 */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => FOLD[c])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** normalize() split into words. */
export function words(text: string): string[] {
  const n = normalize(text);
  return n === '' ? [] : n.split(' ');
}

/**
 * A word → value table without Object.prototype behind it: every word a caller says is looked
 * up, and "constructor" is a word too — in a plain object literal it finds Object itself.
 */
export function wordTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
