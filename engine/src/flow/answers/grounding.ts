// The model's answer is spoken only when it is grounded in the facts it cites: at least one
// known fact, no unknown id, short enough to say in one breath, and every number, time and date
// in it present in the cited facts. Anything else — an invented number, a fact id that does not
// exist, an empty or rambling answer — gets the fallback ("kann ich nicht sicher beantworten").
// This check is what makes "says I don't know rather than inventing" hold even when the model
// (or an injected instruction in the caller's words) tries otherwise.
import type { Lang } from '../nlu';
import { words } from '../nlu/normalize';
import { numberWordValue } from '../nlu/numberWords';
import type { KnownFact } from './types';

/** Longest model answer spoken (characters): about two short sentences. */
export const MAX_MODEL_ANSWER = 300;

/** Articles that are also the number one: "eine Überweisung" is not a number. */
const ARTICLES = new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'a', 'an']);

const DATE_WORDS = new Set(
  (
    'januar februar maerz april mai juni juli august september oktober november dezember ' +
    'january february march may june july october december ' +
    'montag dienstag mittwoch donnerstag freitag samstag sonntag ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

/** Every number (digits or number words, as digits), month and weekday mentioned in `text`. */
export function quantitiesIn(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/\d+/g) ?? []) out.add(String(Number(run)));
  for (const w of words(text)) {
    if (DATE_WORDS.has(w)) out.add(w);
    if (ARTICLES.has(w) || /^\d+$/.test(w)) continue;
    const value = numberWordValue(w, lang);
    if (value !== null) out.add(String(value));
  }
  return out;
}

export interface ModelReply {
  factIds: readonly string[];
  text: string;
}

export type GroundingVerdict =
  | { ok: true; factIds: string[]; text: string }
  | { ok: false; reason: 'no-fact' | 'unknown-fact' | 'empty' | 'too-long' | 'ungrounded-number' };

export function checkGrounding(reply: ModelReply, facts: readonly KnownFact[], lang: Lang): GroundingVerdict {
  const byId = new Map(facts.map((f) => [f.id, f]));
  const ids = [...new Set(reply.factIds)];
  if (ids.length === 0) return { ok: false, reason: 'no-fact' };
  if (ids.some((id) => !byId.has(id))) return { ok: false, reason: 'unknown-fact' };
  const text = reply.text.trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_MODEL_ANSWER) return { ok: false, reason: 'too-long' };
  const known = new Set<string>();
  for (const id of ids) for (const q of quantitiesIn(byId.get(id)?.answer ?? '', lang)) known.add(q);
  for (const q of quantitiesIn(text, lang))
    if (!known.has(q)) return { ok: false, reason: 'ungrounded-number' };
  return { ok: true, factIds: ids, text };
}
