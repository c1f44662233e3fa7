import type { Lang } from './lang.js';

/** "mein Name ist", "hier ist", "this is" … — what callers say before their name. */
const INTRO: Record<Lang, RegExp> = {
  de: /^(?:(?:ja|also|aeh|ähm|äh|hallo|guten tag)[,\s]+)*(?:mein name ist|mein name|ich heisse|ich heiße|ich bin|hier ist|hier spricht|am apparat ist|das ist|es spricht)\s+/i,
  en: /^(?:(?:yes|well|uh|um|hi|hello)[,\s]+)*(?:my name is|my names|my name's|this is|it's|its|i am|i'm|im|name's|call me)\s+/i,
};
const TITLES = /^(?:der|die|herr|frau|dr\.?|doktor|mr\.?|mrs\.?|ms\.?|miss|mister)\s+/i;

function capitalise(word: string): string {
  return word
    .split('-')
    .map((p) => (p === '' ? p : p[0].toUpperCase() + p.slice(1).toLowerCase()))
    .join('-');
}

/** The caller's name from an introduction, capitalised; null when the answer is not a name. */
export function parseName(text: string, lang: Lang): string | null {
  let t = text.trim().replace(/[.!?]+$/, '');
  t = t.replace(INTRO[lang], '');
  while (TITLES.test(t)) t = t.replace(TITLES, '');
  const parts = t.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 4) return null;
  if (!parts.every((p) => /^[\p{L}'-]+$/u.test(p))) return null;
  return parts.map(capitalise).join(' ');
}
