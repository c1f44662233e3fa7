// Weiterleitung an Mitarbeitende: transfer to an allow-listed target; "Rückfall" if nobody answers.
// Words, exits and a new step come from the engine's spec (engine/src/flow/nodes/handoff.ts).
import type { HandoffNode } from '../../../../engine/src/flow/format/schema';
import { handoff } from '../../../../engine/src/flow/nodes/handoff';
import { defineNode } from '../define';
import { short } from '../short';

export const handoffDefinition = defineNode<HandoffNode>(handoff, {
  icon: '☞',
  color: '#c05621',
  summary: (node) => [`→ ${node.target}`, `» ${short(node.announce, 60)}`],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'handoffTarget', key: 'target', label: { de: 'Weiterleiten an', en: 'Transfer to' } },
    {
      type: 'prompt',
      key: 'announce',
      label: { de: 'Ansage vor dem Verbinden', en: 'Announcement before connecting' },
    },
    {
      type: 'prompt',
      key: 'whisper',
      label: { de: 'Hinweis an Mitarbeitende', en: 'Whisper to staff' },
      optional: true,
    },
    {
      type: 'boolean',
      key: 'respectHours',
      label: { de: 'Nur während der Sprechzeiten', en: 'Only during opening hours' },
      defaultValue: true,
    },
    {
      type: 'number',
      key: 'ringSeconds',
      label: { de: 'Klingeldauer (Sekunden)', en: 'Ring time (seconds)' },
      min: 5,
      max: 60,
      optional: true,
    },
  ],
});
