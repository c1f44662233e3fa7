import type { Lang } from './lang.js';
import { normalize } from './normalize.js';

export type YesNo = 'yes' | 'no' | 'unclear';

/** Phrases, in normalize()d form, matched on word boundaries. Longer phrases win over their parts. */
const YES: Record<Lang, readonly string[]> = {
  de: ['ja', 'jawohl', 'jo', 'jep', 'jup', 'klar', 'gerne', 'gern', 'okay', 'ok', 'einverstanden', 'natuerlich', 'sicher', 'genau', 'richtig', 'stimmt', 'passt', 'in ordnung', 'na gut', 'meinetwegen', 'von mir aus', 'auf jeden fall', 'selbstverstaendlich', 'korrekt', 'bitte', 'ja bitte', 'gut', 'mach das', 'machen sie das', 'geht klar', 'absolut'],
  en: ['yes', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'of course', 'certainly', 'correct', 'right', 'thats right', 'fine', 'alright', 'all right', 'absolutely', 'please', 'yes please', 'go ahead', 'i agree', 'agreed', 'definitely', 'sounds good', 'why not', 'i do', 'it is'],
};
const NO: Record<Lang, readonly string[]> = {
  de: ['nein', 'ne', 'nee', 'noe', 'nicht', 'keinesfalls', 'auf keinen fall', 'lieber nicht', 'eher nicht', 'nein danke', 'niemals', 'nie', 'falsch', 'stimmt nicht', 'kein', 'keine', 'will ich nicht', 'moechte ich nicht', 'nicht einverstanden', 'ablehnen', 'ich lehne ab'],
  en: ['no', 'nope', 'nah', 'not', 'never', 'no thanks', 'no thank you', 'rather not', 'id rather not', 'i dont', 'dont', 'wrong', 'incorrect', 'negative', 'i disagree', 'decline', 'thats wrong'],
};

function hits(text: string, phrases: readonly string[]): number {
  let n = 0;
  for (const p of phrases) if (` ${text} `.includes(` ${p} `)) n++;
  return n;
}

/** Is the caller agreeing, refusing, or neither/both? Both signals at once ("ja... also nein") is unclear. */
export function understandYesNo(text: string, lang: Lang): YesNo {
  const t = normalize(text);
  const yes = hits(t, YES[lang]);
  const no = hits(t, NO[lang]);
  if (yes > 0 && no === 0) return 'yes';
  if (no > 0 && yes === 0) return 'no';
  return 'unclear';
}
