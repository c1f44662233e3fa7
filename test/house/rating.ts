// A throwaway step kind for new-step-kind.test.ts — everything the engine knows of a kind, in
// one file, as README "Adding a step kind" asks: its format, words, exits, prompts, what it
// collects and how it behaves. „Bewertung“: asks for a rating from 1 to 5 and keeps it.
import { Type, type Static } from '@sinclair/typebox';
import { listen, sayPrompt } from '../../engine/src/flow/call/context';
import { common, NodeId, Prompt, strict, type IntakeField } from '../../engine/src/flow/format/parts';
import { parseNumber } from '../../engine/src/flow/nlu';
import { namedNext, type StepKindSpec } from '../../engine/src/flow/nodes/spec';

export const RatingNode = Type.Object(
  {
    kind: Type.Literal('rating'),
    ...common,
    question: Prompt,
    next: Type.Object({ rated: NodeId, declined: NodeId }, strict),
  },
  { ...strict, description: 'Asks for a rating from 1 to 5; `declined` when the caller gives none.' },
);
export type RatingNode = Static<typeof RatingNode>;

const ratingField = (node: RatingNode): IntakeField => ({
  key: 'bewertung',
  label: 'Bewertung',
  type: 'number',
  prompt: node.question,
  validation: { min: 1, max: 5 },
});

export const rating: StepKindSpec<RatingNode, typeof RatingNode> = {
  kind: 'rating',
  schema: RatingNode,
  words: { de: 'Bewertung', en: 'rating' },
  hint: { de: 'Fragt nach einer Bewertung von 1 bis 5.', en: 'Asks for a rating from 1 to 5.' },
  idPrefix: 'bewertung',
  create: (lang) => ({
    kind: 'rating',
    question: lang === 'de' ? 'Wie zufrieden waren Sie, von 1 bis 5?' : 'How satisfied were you, 1 to 5?',
    next: { rated: '', declined: '' },
  }),
  ...namedNext<RatingNode>({
    rated: { de: 'bewertet', en: 'rated' },
    declined: { de: 'keine Bewertung', en: 'no rating' },
  }),
  prompts: (node) => [{ name: 'question', text: node.question, path: ['question'] }],
  collects: (node) => [ratingField(node)],
  waitsForCaller: () => true,
  behaviour: {
    enter(ctx, node) {
      sayPrompt(ctx, 'question', node.question);
      listen(ctx, 'number');
      return undefined;
    },
    utterance(ctx, node, text) {
      const n = parseNumber(text, ctx.lang);
      if (n === null || n < 1 || n > 5) return { exit: 'declined' };
      ctx.s.record.fields[ratingField(node).key] = { value: n, source: 'speech', confirmed: false };
      return { exit: 'rated' };
    },
  },
};
