import type { Lang } from './lang.js';
import { matchKeywords } from './keywords.js';

export interface ChoiceOption {
  value: string;
  label: string;
  keywords?: readonly string[];
}

/** The value of the choice the caller named, by its label or one of its keywords. */
export function matchChoice(text: string, choices: readonly ChoiceOption[], lang: Lang): string | null {
  for (const c of choices) {
    if (matchKeywords(text, [c.label, ...(c.keywords ?? [])], lang)) return c.value;
  }
  return null;
}
