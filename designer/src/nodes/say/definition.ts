// Ansage: the bot says something and continues.
// Words, exits and a new step come from the engine's spec (engine/src/flow/nodes/say.ts).
import type { SayNode } from '../../../../engine/src/flow/format/schema';
import { say } from '../../../../engine/src/flow/nodes/say';
import { defineNode } from '../define';
import { short } from '../short';

export const sayDefinition = defineNode<SayNode>(say, {
  icon: '♪',
  color: '#5b6b7a',
  summary: (node) => [`» ${short(node.text)}`],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'prompt', key: 'text', label: { de: 'Text der Ansage', en: 'Announcement text' } },
    {
      type: 'boolean',
      key: 'bargeIn',
      label: { de: 'Anrufende dürfen unterbrechen', en: 'Callers may interrupt' },
      defaultValue: true,
    },
  ],
});
