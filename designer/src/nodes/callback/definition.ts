// Rückrufwunsch: records a callback request with priority and preferred time.
// Words, exits and a new step come from the engine's spec (engine/src/flow/nodes/callback.ts).
import type { CallbackNode } from '../../../../engine/src/flow/format/schema';
import { callback } from '../../../../engine/src/flow/nodes/callback';
import { defineNode } from '../define';
import { short } from '../short';

export const callbackDefinition = defineNode<CallbackNode>(callback, {
  icon: '☎',
  color: '#805ad5',
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
      type: 'detail',
      key: 'numberField',
      label: { de: 'Angabe mit der Rückrufnummer', en: 'Detail holding the callback number' },
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
});
