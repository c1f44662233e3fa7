// Abfrage: asks for one or more details (Angaben), one question per turn.
import type { IntakeNode } from '../../../../engine/src/flow/format/schema';
import { singleNext } from '../single-next';
import type { NodeDefinition } from '../types';

export const intakeDefinition: NodeDefinition<IntakeNode> = {
  kind: 'intake',
  label: { de: 'Abfrage', en: 'questions' },
  hint: {
    de: 'Fragt Angaben ab, z. B. Name, Rückrufnummer, Anliegen.',
    en: 'Asks for details, e.g. name, callback number, concern.',
  },
  icon: '✎',
  color: '#2b6cb0',
  idPrefix: 'abfrage',
  create: (lang) => ({
    kind: 'intake',
    fields: [
      {
        key: 'name',
        label: lang === 'de' ? 'Name' : 'Name',
        type: 'name',
        role: 'callerName',
        prompt: lang === 'de' ? 'Wie ist Ihr Name?' : 'What is your name?',
      },
    ],
    next: '',
  }),
  ...singleNext<IntakeNode>(),
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
};
