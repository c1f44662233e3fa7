// Ansage: speaks its text and continues; the next step's prompts follow in the same step
// (actions are played in order, so the caller hears them one after the other).
import { sayPrompt } from '../call/context';
import { Type, type Static } from '@sinclair/typebox';
import { strict, NodeId, Prompt, common } from '../format/parts';
import { singleNext, type StepKindSpec } from './spec';

export const SayNode = Type.Object(
  {
    kind: Type.Literal('say'),
    ...common,
    text: Prompt,
    bargeIn: Type.Optional(Type.Boolean({ default: true })),
    next: NodeId,
  },
  { ...strict, description: 'An announcement; continues with `next`.' },
);
export type SayNode = Static<typeof SayNode>;

export const say: StepKindSpec<SayNode, typeof SayNode> = {
  kind: 'say',
  schema: SayNode,
  words: { de: 'Ansage', en: 'announcement' },
  hint: {
    de: 'Der Assistent sagt etwas und macht dann weiter.',
    en: 'The assistant says something, then continues.',
  },
  idPrefix: 'ansage',
  create: (lang) => ({
    kind: 'say',
    text: lang === 'de' ? 'Einen Moment bitte.' : 'One moment, please.',
    next: '',
  }),
  ...singleNext<SayNode>(),
  prompts: (node) => [{ name: 'text', text: node.text, path: ['text'] }],
  collects: () => [],
  waitsForCaller: () => false,
  behaviour: {
    enter(ctx, node) {
      sayPrompt(ctx, 'text', node.text, { bargeIn: node.bargeIn ?? true });
      return { exit: 'next' };
    },
  },
};
