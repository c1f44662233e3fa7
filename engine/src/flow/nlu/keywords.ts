import type { Lang } from './lang.js';
import { words } from './normalize.js';

/**
 * Does the keyword occur in the text? Each keyword word must match the start of a text word,
 * in order and adjacent ("Notfall" matches "Notfalls", "Notfälle" and also "Notfallplan":
 * prefix matching on word starts is the documented trade-off for German inflection and compounds).
 */
function matchesAt(text: readonly string[], kw: readonly string[], i: number): boolean {
  for (let k = 0; k < kw.length; k++) if (!stemMatch(text[i + k], kw[k])) return false;
  return true;
}

/** "notfaelle" vs "notfall": umlaut plurals fold to "ae", so compare with the stem folded back. */
function stemMatch(word: string | undefined, kw: string): boolean {
  if (word === undefined) return false;
  if (word.startsWith(kw)) return true;
  const deUmlaut = word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
  return deUmlaut.startsWith(kw.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u'));
}

/** The first keyword (as given) found in `text`, or null. */
export function matchKeywords(text: string, keywords: readonly string[], _lang: Lang): string | null {
  const t = words(text);
  for (const keyword of keywords) {
    const kw = words(keyword);
    if (kw.length === 0) continue;
    for (let i = 0; i + kw.length <= t.length; i++) if (matchesAt(t, kw, i)) return keyword;
  }
  return null;
}
