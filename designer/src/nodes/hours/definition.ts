// Sprechzeiten: continues by whether the organisation is open right now (hours live in the settings).
// Words, exits and a new step come from the engine's spec (engine/src/flow/nodes/hours.ts).
import type { HoursNode } from '../../../../engine/src/flow/format/schema';
import { hours } from '../../../../engine/src/flow/nodes/hours';
import { defineNode } from '../define';

export const hoursDefinition = defineNode<HoursNode>(hours, {
  icon: '◷',
  color: '#319795',
  summary: (_node, lang) => [lang === 'de' ? 'laut Einstellungen des Ablaufs' : 'as in the flow settings'],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'businessHours' },
  ],
});
