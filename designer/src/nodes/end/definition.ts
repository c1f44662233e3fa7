// Verabschiedung: says goodbye, hangs up and delivers the call note. No outcomes.
import type { EndNode } from '../../../../engine/src/flow/format/schema';
import { short } from '../single-next';
import type { NodeDefinition } from '../types';

export const endDefinition: NodeDefinition<EndNode> = {
  kind: 'end',
  label: { de: 'Verabschiedung', en: 'goodbye' },
  hint: {
    de: 'Verabschiedet sich, legt auf und stellt die Gesprächsnotiz zu.',
    en: 'Says goodbye, hangs up and delivers the call note.',
  },
  icon: '⚑',
  color: '#4a5568',
  idPrefix: 'ende',
  create: (lang) => ({
    kind: 'end',
    text: lang === 'de' ? 'Vielen Dank für Ihren Anruf. Auf Wiederhören!' : 'Thank you for calling. Goodbye!',
  }),
  outputs: () => [],
  getTarget: () => undefined,
  withTarget: (node) => node,
  summary: (node) => [`» ${short(node.text)}`],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'prompt', key: 'text', label: { de: 'Abschiedstext', en: 'Goodbye text' } },
  ],
};
