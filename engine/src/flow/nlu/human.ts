import type { Lang } from './lang.js';
import { matchKeywords } from './keywords.js';

const HUMAN: Record<Lang, readonly string[]> = {
  de: ['mensch', 'menschen', 'echte person', 'mitarbeiter', 'mitarbeiterin', 'jemandem', 'verbinden', 'persoenlich', 'rezeption', 'empfang', 'sekretariat'],
  en: ['human', 'real person', 'person', 'operator', 'representative', 'agent', 'someone', 'staff', 'receptionist'],
};

/** Does the caller ask to talk to a person? */
export function isHumanRequest(text: string, lang: Lang, extraKeywords: readonly string[] = []): boolean {
  return matchKeywords(text, [...HUMAN[lang], ...extraKeywords], lang) !== null;
}
