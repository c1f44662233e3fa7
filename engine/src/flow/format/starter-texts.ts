// What the designer writes into something new for its author to replace: a new detail's question,
// a new fact's answer. Kept here, next to the checker that knows them, so a starter text that was
// never replaced counts as missing (loader/rules/placeholder-texts.ts) instead of being spoken.

/** A new detail's question: no words at all, so it reads as "still to write" in the form. */
export const NEW_QUESTION = '…?';

/** A new fact's answer, in the designer's two languages. */
export const NEW_FACT_ANSWER = {
  de: 'Bitte schreiben Sie hier die Antwort in ein, zwei kurzen Sätzen.',
  en: 'Please write the answer here in one or two short sentences.',
} as const;

const STARTERS = new Set([NEW_QUESTION, NEW_FACT_ANSWER.de, NEW_FACT_ANSWER.en].map((t) => normal(t)));

function normal(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

const HAS_WORDS = /[\p{L}\p{N}]/u;

/** A text nobody wrote yet: no letter or digit („…?“, „...“), or a starter text left as it was. */
export function isPlaceholderText(text: string): boolean {
  return !HAS_WORDS.test(text) || STARTERS.has(normal(text));
}
