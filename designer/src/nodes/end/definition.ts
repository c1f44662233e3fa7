// Verabschiedung: says goodbye, hangs up and delivers the call note. No outcomes.
// Words, exits and a new step come from the engine's spec (engine/src/flow/nodes/end.ts).
import type { EndNode } from '../../../../engine/src/flow/format/schema';
import { end } from '../../../../engine/src/flow/nodes/end';
import { defineNode } from '../define';
import { short } from '../short';

export const endDefinition = defineNode<EndNode>(end, {
  icon: '⚑',
  color: '#4a5568',
  summary: (node) => [`» ${short(node.text)}`],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'prompt', key: 'text', label: { de: 'Abschiedstext', en: 'Goodbye text' } },
  ],
});
