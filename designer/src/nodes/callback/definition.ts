// Rückrufwunsch: records a callback request with priority and preferred time.
import type { CallbackNode } from '../../../../engine/src/flow/format/schema';
import { short, singleNext } from '../single-next';
import type { NodeDefinition } from '../types';

export const callbackDefinition: NodeDefinition<CallbackNode> = {
  kind: 'callback',
  label: { de: 'Rückrufwunsch', en: 'callback request' },
  hint: {
    de: 'Nimmt einen Rückrufwunsch mit Dringlichkeit und Wunschzeit auf.',
    en: 'Takes a callback request with priority and preferred time.',
  },
  icon: '☎',
  color: '#805ad5',
  idPrefix: 'rueckruf',
  create: (lang) => ({
    kind: 'callback',
    priority: 'normal',
    numberPrompt:
      lang === 'de'
        ? 'Unter welcher Telefonnummer können wir Sie zurückrufen?'
        : 'Which phone number can we call you back on?',
    timePrompt: lang === 'de' ? 'Wann dürfen wir Sie zurückrufen?' : 'When may we call you back?',
    next: '',
  }),
  ...singleNext<CallbackNode>(),
  summary: (node, lang) => [
    node.priority === 'urgent'
      ? lang === 'de'
        ? '⚡ dringend'
        : '⚡ urgent'
      : lang === 'de'
        ? 'normal'
        : 'normal',
    ...(node.timePrompt ? [`? ${short(node.timePrompt, 60)}`] : []),
    ...(node.window ? [`◷ ${node.window.earliest}–${node.window.latest}`] : []),
  ],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    {
      type: 'select',
      key: 'priority',
      label: { de: 'Dringlichkeit', en: 'Priority' },
      options: [
        { value: 'normal', label: { de: 'normal', en: 'normal' } },
        { value: 'urgent', label: { de: 'dringend', en: 'urgent' } },
      ],
    },
    {
      type: 'text',
      key: 'numberField',
      label: {
        de: 'Angabe mit der Rückrufnummer (Schlüssel)',
        en: 'Detail holding the callback number (key)',
      },
      optional: true,
    },
    {
      type: 'prompt',
      key: 'numberPrompt',
      label: {
        de: 'Frage nach der Rückrufnummer (wenn noch keine bekannt ist)',
        en: 'Question for the callback number (when none is known yet)',
      },
      optional: true,
    },
    {
      type: 'prompt',
      key: 'timePrompt',
      label: { de: 'Frage nach der Wunschzeit', en: 'Question for the preferred time' },
      optional: true,
    },
    { type: 'timeWindow', key: 'window', label: { de: 'Rückruf-Zeitfenster', en: 'Callback window' } },
    { type: 'prompt', key: 'confirmation', label: { de: 'Bestätigung', en: 'Confirmation' }, optional: true },
  ],
};
