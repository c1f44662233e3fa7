// "Where they left" a step, in the words the canvas uses for its exits (ja / nein / unklar,
// geöffnet, Sonst, a branch's own option labels, „Mensch, bitte", a keyword trigger …) and the
// way a call ended there (aufgelegt, an Mitarbeitende übergeben …), each as a share of the
// callers who reached the step. Pure: the labels of a flow's own options and triggers come in.
import type { Lang, Text } from '../../nodes/types';

/** Exit labels the analytics count (engine/src/analytics/README.md) → the glossary's words. */
const WORDS: Record<string, Text> = {
  yes: { de: 'ja', en: 'yes' },
  no: { de: 'nein', en: 'no' },
  unclear: { de: 'unklar', en: 'unclear' },
  open: { de: 'geöffnet', en: 'open' },
  default: { de: 'Sonst', en: 'Otherwise' },
  done: { de: 'weiter', en: 'next' },
  next: { de: 'weiter', en: 'next' },
  fallback: { de: 'Rückfall', en: 'fallback' },
  'no-answer': { de: 'nicht angenommen', en: 'not answered' },
  busy: { de: 'besetzt', en: 'busy' },
  human: { de: '„Mensch, bitte“', en: '“human, please”' },
  silence: { de: 'Stille', en: 'silence' },
  jump: { de: 'anderer Weg', en: 'other path' },
  completed: { de: 'Gespräch beendet', en: 'call completed' },
  'handed-off': { de: 'an Mitarbeitende übergeben', en: 'transferred to staff' },
  'hung-up': { de: 'hier aufgelegt', en: 'hung up here' },
  failed: { de: 'abgebrochen', en: 'failed' },
};
/** `closed` means "outside opening hours" on a transfer, plain "geschlossen" on opening hours. */
const CLOSED: Record<'hours' | 'other', Text> = {
  hours: { de: 'geschlossen', en: 'closed' },
  other: { de: 'außerhalb der Sprechzeiten', en: 'outside opening hours' },
};

export interface ExitContext {
  lang: Lang;
  /** The step's kind (for words that depend on it). */
  kind?: string;
  /** A branch's option id → its label. */
  optionLabel?: (id: string) => string | undefined;
  /** A keyword trigger's id → its label. */
  triggerLabel?: (id: string) => string | undefined;
}

export function exitWord(exit: string, ctx: ExitContext): string {
  const { lang } = ctx;
  if (exit === 'closed') return CLOSED[ctx.kind === 'hours' ? 'hours' : 'other'][lang];
  if (exit.startsWith('trigger:')) {
    const label = ctx.triggerLabel?.(exit.slice('trigger:'.length)) ?? exit.slice('trigger:'.length);
    return lang === 'de' ? `Stichwort „${label}“` : `keyword “${label}”`;
  }
  const word = WORDS[exit];
  if (word) return word[lang];
  return ctx.optionLabel?.(exit) ?? exit;
}

export interface ExitShare {
  exit: string;
  word: string;
  count: number;
  /** count / callers who reached the step (0…1). */
  share: number;
}

/** The step's exits, most taken first; empty when nobody reached it. */
export function exitShares(entered: number, left: Record<string, number>, ctx: ExitContext): ExitShare[] {
  if (entered <= 0) return [];
  return Object.entries(left)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([exit, count]) => ({ exit, word: exitWord(exit, ctx), count, share: count / entered }));
}
