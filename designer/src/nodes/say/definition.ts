// Ansage: the bot says something and continues.
import type { SayNode } from '../../../../engine/src/flow/format/schema';
import { short, singleNext } from '../single-next';
import type { NodeDefinition } from '../types';

export const sayDefinition: NodeDefinition<SayNode> = {
  kind: 'say',
  label: { de: 'Ansage', en: 'announcement' },
  hint: {
    de: 'Der Assistent sagt etwas und macht dann weiter.',
    en: 'The assistant says something, then continues.',
  },
  icon: '♪',
  color: '#5b6b7a',
  idPrefix: 'ansage',
  create: (lang) => ({
    kind: 'say',
    text: lang === 'de' ? 'Einen Moment bitte.' : 'One moment, please.',
    next: '',
  }),
  ...singleNext<SayNode>(),
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
};
