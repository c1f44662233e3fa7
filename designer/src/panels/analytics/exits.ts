// "Where they left" a step, in the words the canvas uses for its exits (ja / nein / unklar,
// geöffnet, Sonst, a branch's own option labels — the step kind's spec, engine/src/flow/nodes/) and
// the global ways out („Mensch, bitte", a keyword trigger …) and the way a call ended there
// (aufgelegt, an Mitarbeitende übergeben …), each as a share of the callers who reached the step.
// Pure: the step and the labels of the flow's triggers come in.
import type { FlowNode } from '../../../../engine/src/flow/format/schema';
import { specOf } from '../../../../engine/src/flow/nodes';
import type { Lang, Text } from '../../nodes/types';

/** Labels the analytics count beyond a step's own exits (engine/src/analytics/README.md). */
const WORDS: Record<string, Text> = {
  human: { de: '„Mensch, bitte“', en: '“human, please”' },
  silence: { de: 'Stille', en: 'silence' },
  jump: { de: 'anderer Weg', en: 'other path' },
  completed: { de: 'Gespräch beendet', en: 'call completed' },
  'handed-off': { de: 'an Mitarbeitende übergeben', en: 'transferred to staff' },
  'hung-up': { de: 'hier aufgelegt', en: 'hung up here' },
  failed: { de: 'abgebrochen', en: 'failed' },
};

export interface ExitContext {
  lang: Lang;
  /** The step whose exits are counted (its exits' and its kind's words). */
  node?: FlowNode;
  /** A keyword trigger's id → its label. */
  triggerLabel?: (id: string) => string | undefined;
}

function stepWords(exit: string, node: FlowNode | undefined): Text | undefined {
  const spec = node && specOf(node);
  if (!spec) return undefined;
  return spec.exits(node).find((e) => e.exit === exit)?.label ?? spec.countedWords?.[exit];
}

export function exitWord(exit: string, ctx: ExitContext): string {
  const { lang } = ctx;
  if (exit.startsWith('trigger:')) {
    const label = ctx.triggerLabel?.(exit.slice('trigger:'.length)) ?? exit.slice('trigger:'.length);
    return lang === 'de' ? `Stichwort „${label}“` : `keyword “${label}”`;
  }
  return (stepWords(exit, ctx.node) ?? WORDS[exit])?.[lang] ?? exit;
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
