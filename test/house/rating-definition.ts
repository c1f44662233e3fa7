// The designer's half of the throwaway step kind (rating.ts): the engine spec plus icon, colour,
// card summary and form — one file, like designer/src/nodes/<kind>/definition.ts.
import { defineNode } from '../../designer/src/nodes/define';
import { short } from '../../designer/src/nodes/short';
import { rating, type RatingNode } from './rating';

export const ratingDefinition = defineNode<RatingNode>(rating, {
  icon: '★',
  color: '#8a6d1f',
  summary: (node) => [`? ${short(node.question)}`],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'prompt', key: 'question', label: { de: 'Frage', en: 'Question' } },
  ],
});
