// Abfrage: asks for one or more details (Angaben), one question per turn.
// Words, exits and a new step come from the engine's spec (engine/src/flow/nodes/intake.ts).
import type { IntakeNode } from '../../../../engine/src/flow/format/schema';
import { intake } from '../../../../engine/src/flow/nodes/intake';
import { defineNode } from '../define';

export const intakeDefinition = defineNode<IntakeNode>(intake, {
  icon: '✎',
  color: '#2b6cb0',
  summary: (node) =>
    node.fields.map(
      (f) => `• ${f.label}${f.sensitive ? ' ★' : ''}${f.required === false ? ' (optional)' : ''}`,
    ),
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'intakeFields' },
    {
      type: 'number',
      key: 'maxAttempts',
      label: { de: 'Versuche je Frage', en: 'Attempts per question' },
      min: 1,
      max: 5,
      optional: true,
    },
  ],
});
