import type { Lang } from './lang.js';
import { words } from './normalize.js';
import { spot, type PhraseBook } from './phrases.js';

export type YesNo = 'yes' | 'no' | 'unclear';

type Signal = 'y' | 'n' | 'u';

/**
 * Y = agrees, N = refuses, U = the caller does not know or asks back. Longest phrase wins, so
 * negated agreement ("nicht so gern", "of course not") and idioms ("kein Problem", "why not")
 * are listed as whole phrases.
 */
const BOOK: Record<Lang, PhraseBook<Signal>> = {
  de: [
    ...['ja', 'jawohl', 'jo', 'jep', 'jup', 'jaja', 'klar', 'gerne', 'gern', 'okay', 'ok', 'okey', 'einverstanden', 'natuerlich', 'sicher',
      'genau', 'richtig', 'stimmt', 'passt', 'in ordnung', 'na gut', 'meinetwegen', 'von mir aus', 'auf jeden fall', 'selbstverstaendlich',
      'korrekt', 'bitte', 'gut', 'geht klar', 'absolut', 'kein problem', 'nichts dagegen', 'warum nicht', 'doch', 'mhm', 'mhmm', 'aha ja',
      'ich stimme zu', 'zustimmen', 'ich willige ein', 'machen wir', 'machen sie', 'legen sie los', 'unbedingt', 'allerdings', 'sehr gerne',
      'das passt', 'alles klar', 'dann los', 'einverstanden bin ich', 'yes', 'o k'].map((p) => [p, 'y'] as const),
    ...['nein', 'nee', 'noe', 'nicht', 'keinesfalls', 'auf keinen fall', 'lieber nicht', 'eher nicht', 'nein danke', 'niemals', 'nie', 'falsch',
      'stimmt nicht', 'kein', 'keine', 'nicht einverstanden', 'ablehnen', 'ich lehne ab', 'nicht gern', 'nicht so gern', 'nicht gerne',
      'nicht so gerne', 'nicht wirklich', 'natuerlich nicht', 'sicher nicht', 'bestimmt nicht', 'doch nicht', 'nicht richtig', 'nicht okay',
      'nicht ok', 'nicht gut', 'moechte ich nicht', 'will ich nicht', 'widerspreche', 'ich widerspreche', 'no', 'stimme nicht zu',
      'auf gar keinen fall', 'bloss nicht', 'bitte nicht', 'gar nicht', 'ueberhaupt nicht', 'nicht korrekt', 'das stimmt nicht', 'lassen sie mal', 'lassen sie das', 'lieber nicht'].map((p) => [p, 'n'] as const),
    ...['weiss nicht', 'weiss ich nicht', 'keine ahnung', 'vielleicht', 'jein', 'mal sehen', 'egal', 'wie bitte', 'was', 'wer', 'warum',
      'wieso', 'nicht sicher', 'unsicher', 'moment', 'kommt drauf an', 'weiss nicht so recht', 'wofuer', 'was heisst das', 'keine ahnung',
      'ich bin mir nicht sicher', 'wiederholen', 'nur wenn', 'unter der bedingung'].map((p) => [p, 'u'] as const),
  ],
  en: [
    ...['yes', 'yeah', 'yea', 'yep', 'yup', 'sure', 'ok', 'okay', 'of course', 'certainly', 'correct', 'right', 'thats right', 'fine',
      'alright', 'all right', 'absolutely', 'please', 'go ahead', 'i agree', 'agreed', 'definitely', 'sounds good', 'why not', 'i do',
      'no problem', 'no worries', 'i dont mind', 'dont mind', 'i do not mind', 'uh huh', 'mhm', 'sure thing', 'by all means', 'thats fine', 'fine by me',
      'that works', 'go on', 'i consent', 'affirmative', 'indeed', 'exactly', 'ja', 'o k'].map((p) => [p, 'y'] as const),
    ...['no', 'nope', 'nah', 'not', 'never', 'no thanks', 'no thank you', 'rather not', 'id rather not', 'i dont', 'dont', 'wrong',
      'incorrect', 'negative', 'i disagree', 'decline', 'i decline', 'thats wrong', 'not really', 'of course not', 'absolutely not',
      'definitely not', 'certainly not', 'not okay', 'not ok', 'not right', 'not correct', 'i do not', 'i dont agree', 'i dont want',
      'i do not agree', 'not at all', 'please dont', 'please do not', 'im good', 'i am good', 'uh uh', 'nein', 'no way', 'thats not right'].map((p) => [p, 'n'] as const),
    ...['i dont know', 'dont know', 'not sure', 'im not sure', 'maybe', 'perhaps', 'what', 'who', 'why', 'pardon', 'sorry what', 'excuse me',
      'depends', 'it depends', 'no idea', 'i have no idea', 'whatever', 'come again', 'repeat', 'say that again', 'hmm', 'only if', 'on condition'].map((p) => [p, 'u'] as const),
  ],
};

/**
 * Is the caller agreeing, refusing, or neither? Both signals at once ("ja… also nein", "yes, no,
 * wait") and any doubt or question ("weiß nicht", "wie bitte?") are unclear: the flow asks again
 * rather than guess about consent.
 */
export function understandYesNo(text: string, lang: Lang): YesNo {
  // Drawn-out words as typed or transcribed: "jaaa", "neeein", "yesss" (runs of 3+ letters).
  const signals = spot(words(text).map((w) => w.replace(/([a-z])\1{2,}/g, '$1')), BOOK[lang]);
  if (signals.length === 0 || signals.includes('u')) return 'unclear';
  const yes = signals.includes('y');
  const no = signals.includes('n');
  if (yes && !no) return 'yes';
  if (no && !yes) return 'no';
  return 'unclear';
}
