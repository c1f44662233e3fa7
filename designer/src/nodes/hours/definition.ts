// Sprechzeiten: continues by whether the organisation is open right now (hours live in the settings).
import type { HoursNode } from '../../../../engine/src/flow/format/schema';
import type { NodeDefinition, OutputHandle } from '../types';

const OUTCOMES: OutputHandle[] = [
  { id: 'open', label: { de: 'geöffnet', en: 'open' } },
  { id: 'closed', label: { de: 'geschlossen', en: 'closed' } },
];
const isOutcome = (h: string): h is 'open' | 'closed' => h === 'open' || h === 'closed';

export const hoursDefinition: NodeDefinition<HoursNode> = {
  kind: 'hours',
  label: { de: 'Sprechzeiten', en: 'opening hours' },
  hint: {
    de: 'Verzweigt danach, ob gerade geöffnet ist.',
    en: 'Branches on whether you are open right now.',
  },
  icon: '◷',
  color: '#319795',
  idPrefix: 'sprechzeiten',
  create: () => ({ kind: 'hours', next: { open: '', closed: '' } }),
  outputs: () => OUTCOMES,
  getTarget: (node, handle) => (isOutcome(handle) ? node.next[handle] : undefined),
  withTarget: (node, handle, target) =>
    isOutcome(handle) ? { ...node, next: { ...node.next, [handle]: target } } : node,
  summary: (_node, lang) => [lang === 'de' ? 'laut Einstellungen des Ablaufs' : 'as in the flow settings'],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'businessHours' },
  ],
};
