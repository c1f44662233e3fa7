import type { Lang } from './lang.js';
import { matchKeywords } from './keywords.js';
import { words } from './normalize.js';
import { spot, type PhraseBook } from './phrases.js';

type Signal = 'human' | 'not';

/**
 * Requests for a person, and the few phrases that mention one without asking ("ich bin kein
 * Mensch, der viel redet", "don't transfer me"). Limits: a bare "Mensch!" as an exclamation
 * counts as a request, and anything not listed here is left to the flow's own keywords.
 */
const BOOK: Record<Lang, PhraseBook<Signal>> = {
  de: [
    ...[
      'mensch',
      'menschen',
      'echte person',
      'echten person',
      'richtige person',
      'richtigen person',
      'echten menschen',
      'mitarbeiter',
      'mitarbeiterin',
      'mitarbeitenden',
      'mitarbeitende',
      'jemandem sprechen',
      'jemanden sprechen',
      'mit jemandem',
      'verbinden sie mich',
      'verbinden',
      'durchstellen',
      'weiterleiten',
      'rezeption',
      'empfang',
      'sekretariat',
      'sprechstundenhilfe',
      'persoenlich sprechen',
      'keine maschine',
      'kein roboter',
      'keinem roboter',
      'keinen roboter',
      'keinen computer',
      'keine maschine',
      'mit der praxis',
      'mit dem arzt',
      'mit der aerztin',
      'ist jemand da',
      'operator',
      'personal',
      'stellen sie mich',
      'den chef',
      'die chefin',
    ].map((p) => [p, 'human'] as const),
    ...[
      'kein mensch der',
      'keiner der',
      'bin kein mensch',
      'nicht verbinden',
      'nicht weiterleiten',
      'nicht durchstellen',
      'kein mitarbeiter noetig',
      'muss nicht mit',
      'brauche keinen menschen',
      'nicht durch',
      'bin ein mensch',
      'mensch der',
    ].map((p) => [p, 'not'] as const),
  ],
  en: [
    ...[
      'human',
      'a human',
      'real person',
      'live person',
      'actual person',
      'a person',
      'operator',
      'representative',
      'rep',
      'agent',
      'someone',
      'somebody',
      'staff',
      'receptionist',
      'transfer me',
      'put me through',
      'connect me',
      'not a robot',
      'no robots',
      'a real human',
      'customer service',
      'the doctor',
      'front desk',
      'anyone there',
      'manager',
      'supervisor',
    ].map((p) => [p, 'human'] as const),
    ...[
      'dont transfer',
      'do not transfer',
      'dont need a human',
      'dont need to speak',
      'no need to transfer',
      'im a real person',
      'i am a real person',
      'dont connect',
      'do not connect',
      'someone else',
      'somebody else',
    ].map((p) => [p, 'not'] as const),
  ],
};

/** Does the caller ask to talk to a person? `extraKeywords` are the flow's own words for it. */
export function isHumanRequest(text: string, lang: Lang, extraKeywords: readonly string[] = []): boolean {
  const signals = spot(words(text), BOOK[lang]);
  if (signals.includes('not')) return false;
  if (signals.includes('human')) return true;
  return extraKeywords.length > 0 && matchKeywords(text, extraKeywords, lang) !== null;
}
