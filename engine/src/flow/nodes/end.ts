// Verabschiedung: goodbye, deliver the call note, hang up (after the goodbye has played).
import { sayPrompt } from '../call/context';
import { Type, type Static } from '@sinclair/typebox';
import { strict, Prompt, common } from '../format/parts';
import type { StepKindSpec } from './spec';

export const EndNode = Type.Object(
  {
    kind: Type.Literal('end'),
    ...common,
    text: Prompt,
  },
  { ...strict, description: 'Says goodbye, hangs up and delivers the call note.' },
);
export type EndNode = Static<typeof EndNode>;

export const end: StepKindSpec<EndNode, typeof EndNode> = {
  kind: 'end',
  schema: EndNode,
  words: { de: 'Verabschiedung', en: 'goodbye' },
  hint: {
    de: 'Verabschiedet sich, legt auf und stellt die Gesprächsnotiz zu.',
    en: 'Says goodbye, hangs up and delivers the call note.',
  },
  idPrefix: 'ende',
  create: (lang) => ({
    kind: 'end',
    text: lang === 'de' ? 'Vielen Dank für Ihren Anruf. Auf Wiederhören!' : 'Thank you for calling. Goodbye!',
  }),
  exits: () => [],
  withExit: (node) => node,
  prompts: (node) => [{ name: 'text', text: node.text, path: ['text'] }],
  collects: () => [],
  waitsForCaller: () => false,
  behaviour: {
    enter(ctx, node) {
      sayPrompt(ctx, 'text', node.text, { bargeIn: false });
      return { end: 'completed', hangUp: true };
    },
  },
};
