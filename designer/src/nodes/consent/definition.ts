// Begrüßung & Einwilligung: the AI notice and the consent question; outcomes ja / nein / unklar.
// Words, exits and a new step come from the engine's spec (engine/src/flow/nodes/consent.ts).
import type { ConsentNode } from '../../../../engine/src/flow/format/schema';
import { consent } from '../../../../engine/src/flow/nodes/consent';
import { defineNode } from '../define';
import { short } from '../short';

export const consentDefinition = defineNode<ConsentNode>(consent, {
  icon: '☺',
  color: '#2f7d4f',
  summary: (node) => [`» ${short(node.disclosure, 70)}`, `? ${short(node.question, 60)}`],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'prompt', key: 'disclosure', label: { de: 'KI-Hinweis', en: 'AI notice' } },
    { type: 'prompt', key: 'question', label: { de: 'Frage nach der Einwilligung', en: 'Consent question' } },
    {
      type: 'prompt',
      key: 'reprompt',
      label: { de: 'Nachfrage, wenn unklar', en: 'Ask again if unclear' },
      optional: true,
    },
    {
      type: 'number',
      key: 'maxAttempts',
      label: { de: 'Versuche', en: 'Attempts' },
      min: 1,
      max: 3,
      optional: true,
    },
  ],
});
