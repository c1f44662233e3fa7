import type { Lang } from './lang.js';
import { normalize, wordTable } from './normalize.js';
import { numberWordValue } from './numberWords.js';

/**
 * Email addresses as typed or as spoken aloud: "anna punkt mueller at beispiel punkt de",
 * "anna underscore m at gmail dot com", "info klammeraffe praxis minus schmidt punkt de".
 * Spoken umlauts come out folded ("müller" → "mueller"), as addresses are almost always written.
 */
const SYMBOLS: Record<string, string> = wordTable({
  at: '@',
  aet: '@',
  et: '@',
  klammeraffe: '@',
  affenschwanz: '@',
  affe: '@',
  punkt: '.',
  dot: '.',
  underscore: '_',
  unterstrich: '_',
  tiefstrich: '_',
  minus: '-',
  bindestrich: '-',
  dash: '-',
  hyphen: '-',
  strich: '-',
});
/** Words that end the local part when walking back from "@" ("meine E-Mail ist …"). */
const BEFORE: ReadonlySet<string> = new Set([
  'ist',
  'lautet',
  'is',
  'mail',
  'email',
  'adresse',
  'address',
  'die',
  'the',
  'meine',
  'my',
  'unter',
  'ja',
  'also',
  'klar',
  'gerne',
  'es',
  'it',
  'its',
  'that',
  'thats',
  'das',
  'sure',
  'yes',
  'ok',
  'okay',
  'sie',
  'you',
  'mich',
  'me',
  'reach',
  'erreichen',
  'schreiben',
  'write',
  'einfach',
]);
const FILLERS: ReadonlySet<string> = new Set(['aeh', 'aehm', 'hm', 'um', 'uh', 'erm', 'aehem']);
/** Words that end the domain ("… punkt de, bitte"). */
const AFTER: ReadonlySet<string> = new Set([
  'bitte',
  'please',
  'danke',
  'thanks',
  'und',
  'and',
  'oder',
  'or',
  'ist',
  'is',
  'thank',
  'genau',
  'exactly',
]);

const TYPED = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}/i;
const VALID = /^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}$/;

function symbolOrWord(w: string, lang: Lang): string {
  if (w in SYMBOLS) return SYMBOLS[w];
  const n = /^\d+$/.test(w) ? null : numberWordValue(w, lang);
  return n === null || w === 'ein' || w === 'eine' || w === 'a' ? w : String(n);
}

function localPart(tokens: readonly string[], at: number): string {
  const parts: string[] = [];
  for (let i = at - 1; i >= 0; i--) {
    if (FILLERS.has(tokens[i])) continue;
    if (BEFORE.has(tokens[i])) break;
    parts.unshift(tokens[i]);
  }
  return parts.join('').replace(/^[._-]+/, '');
}

function domain(tokens: readonly string[], at: number): string {
  let out = '';
  for (let i = at + 1; i < tokens.length; i++) {
    const w = tokens[i];
    if (FILLERS.has(w)) continue;
    if (AFTER.has(w) || w === '@') break;
    out += w;
  }
  // "beispiel.de bitte sehr" was cut above; drop a trailing separator.
  return out.replace(/[._-]+$/, '');
}

/** Spelling aids: "doppel l", "double t" → "ll", "tt". */
function doubled(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (
      (tokens[i] === 'doppel' || tokens[i] === 'double' || tokens[i] === 'doppelt') &&
      next !== undefined &&
      /^[a-z]$/.test(next)
    ) {
      out.push(next + next);
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

/** The email address in `text`, lowercased, or null. */
export function parseEmail(text: string, lang: Lang): string | null {
  const typed = text.includes('@') ? TYPED.exec(text.replace(/\s*@\s*/g, '@')) : null;
  if (typed) return typed[0].toLowerCase();
  const spaced = text
    .replace(/@/g, ' at ')
    .replace(/_/g, ' underscore ')
    .replace(/(\S)-(\S)/g, '$1 minus $2')
    .replace(/\.(?=\S)/g, ' punkt ');
  const tokens = doubled(normalize(spaced).split(' ').filter(Boolean)).map((w) => symbolOrWord(w, lang));
  const at = tokens.indexOf('@');
  if (at <= 0) return null;
  const address = `${localPart(tokens, at)}@${domain(tokens, at)}`;
  return VALID.test(address) ? address : null;
}
