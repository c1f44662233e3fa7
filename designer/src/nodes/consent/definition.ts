// Begrüßung & Einwilligung: the AI notice and the consent question; outcomes ja / nein / unklar.
import type { ConsentNode } from '../../../../engine/src/flow/format/schema';
import { short } from '../single-next';
import type { NodeDefinition, OutputHandle } from '../types';

const OUTCOMES: OutputHandle[] = [
  { id: 'yes', label: { de: 'ja', en: 'yes' } },
  { id: 'no', label: { de: 'nein', en: 'no' } },
  { id: 'unclear', label: { de: 'unklar', en: 'unclear' } },
];
type Outcome = keyof ConsentNode['next'];
const isOutcome = (h: string): h is Outcome => h === 'yes' || h === 'no' || h === 'unclear';

export const consentDefinition: NodeDefinition<ConsentNode> = {
  kind: 'consent',
  label: { de: 'Begrüßung & Einwilligung', en: 'greeting & consent' },
  hint: {
    de: 'KI-Hinweis und Frage nach der Einwilligung – muss das Erste sein, was Anrufende hören.',
    en: 'AI notice and consent question – must be the first thing callers hear.',
  },
  icon: '☺',
  color: '#2f7d4f',
  idPrefix: 'begruessung',
  create: (lang) => ({
    kind: 'consent',
    disclosure:
      lang === 'de'
        ? 'Guten Tag, Sie sprechen mit einem automatischen KI-Assistenten. Das Gespräch wird nicht aufgezeichnet.'
        : 'Hello, you are speaking with an automated AI assistant. This call is not recorded.',
    question: lang === 'de' ? 'Sind Sie damit einverstanden?' : 'Do you agree?',
    next: { yes: '', no: '', unclear: '' },
  }),
  outputs: () => OUTCOMES,
  getTarget: (node, handle) => (isOutcome(handle) ? node.next[handle] : undefined),
  withTarget: (node, handle, target) =>
    isOutcome(handle) ? { ...node, next: { ...node.next, [handle]: target } } : node,
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
};
