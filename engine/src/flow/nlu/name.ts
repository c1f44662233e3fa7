import type { Lang } from './lang.js';
import { normalize } from './normalize.js';
import {
  INTRO,
  STOP_AFTER,
  FORMS_OF_ADDRESS,
  ACADEMIC,
  PARTICLES,
  FILLERS,
  NOT_NAMES,
  CODE,
} from './nameWords.js';

/**
 * Names from introductions: "mein Name ist Anna Müller", "hier ist Müller", "Müller, Anna",
 * "ich bin der Herr Schmidt", "this is John Smith", "Sarah Connor speaking". Works on the original
 * text (the result keeps "ü" and "ß"), matching words in normalize()d form.
 */

interface Word {
  raw: string;
  norm: string;
  /** followed by a comma */ comma: boolean;
}

function tokenize(text: string): Word[] {
  return text
    .split(/\s+/)
    .map((part) => ({ raw: part.replace(/^[^\p{L}]+|[^\p{L}.'’-]+$/gu, ''), comma: /,\s*$/.test(part) }))
    .filter((w) => w.raw !== '')
    .map((w) => ({ ...w, norm: normalize(w.raw) }));
}

/** Index just after the last introduction phrase, or 0. */
function afterIntro(ws: readonly Word[], lang: Lang): number {
  const norms = ws.map((w) => w.norm);
  let best = 0;
  for (const phrase of INTRO[lang]) {
    const p = phrase.split(' ');
    for (let i = 0; i + p.length <= norms.length; i++) {
      if (p.every((x, k) => norms[i + k] === x) && i + p.length > best && i + p.length < norms.length)
        best = i + p.length;
    }
  }
  return best;
}

function capitalise(word: string, first: boolean): string {
  const lower = word.toLowerCase();
  if (!first && PARTICLES.has(normalize(lower))) return lower;
  return lower
    .split('-')
    .map((p) =>
      p
        .replace(
          /^(mc|o['’])?(\p{L})/u,
          (_, pre: string | undefined, c: string) =>
            (pre ? pre[0].toUpperCase() + pre.slice(1) : '') + c.toUpperCase(),
        )
        .replace(/^(Mc)(\p{L})/u, (_, mc: string, c: string) => mc + c.toUpperCase()),
    )
    .join('-');
}

/** "Müller, Anna" → "Anna Müller"; "Bond, James Bond" → "James Bond" (the surname is already there). */
function reorder(name: readonly Word[], comma: number): Word[] {
  const before = name.slice(0, comma);
  const after = name.slice(comma);
  const repeats = before.every((b) => after.some((a) => a.norm === b.norm));
  return repeats ? after : [...after, ...before];
}

/**
 * The caller's name, capitalised ("Anna Müller", "Dr. Hannah Schneider"), or null when the answer
 * is not a name: a sentence, a command, code — the caller is asked again.
 */
export function parseName(text: string, lang: Lang): string | null {
  if (CODE.test(text)) return null;
  const ws = tokenize(text.replace(/[!?;:]/g, ' '));
  let i = afterIntro(ws, lang);
  while (i < ws.length && (FILLERS.has(ws[i].norm) || FORMS_OF_ADDRESS.has(ws[i].norm))) i++;
  const name: Word[] = [];
  let title: string | undefined;
  let commaAfter = -1;
  for (; i < ws.length && name.length < 5; i++) {
    const w = ws[i];
    if (ACADEMIC.has(w.norm.replace(/\.$/, ''))) {
      title = ACADEMIC.get(w.norm);
      continue;
    }
    if (FORMS_OF_ADDRESS.has(w.norm) && !PARTICLES.has(w.norm)) continue;
    if (FILLERS.has(w.norm)) continue;
    if (name.length > 0 && STOP_AFTER[lang].has(w.norm)) break;
    // "Schmidt, S C H M I D T": the spelling after the name is not part of it.
    if (
      name.length > 0 &&
      w.norm.length === 1 &&
      (ws[i + 1]?.norm.length === 1 || ws[i - 1]?.norm.length === 1)
    )
      continue;
    if (NOT_NAMES.has(w.norm)) return null;
    name.push({ raw: w.raw.replace(/[.,]+$/, ''), norm: w.norm, comma: w.comma });
    if (w.comma && commaAfter < 0) commaAfter = name.length;
    if (/\.$/.test(w.raw) && w.raw.length > 2) break;
  }
  const real = name.filter((w) => !PARTICLES.has(w.norm));
  if (real.length === 0 || real.length > 4 || !name.every((w) => /^[\p{L}'’-]+$/u.test(w.raw))) return null;
  // "Müller, Anna": surname first, given name after the comma.
  const ordered = commaAfter > 0 && commaAfter < name.length ? reorder(name, commaAfter) : name;
  const out = ordered.map((w, k) => capitalise(w.raw, k === 0));
  return (title ? [title, ...out] : out).join(' ');
}
