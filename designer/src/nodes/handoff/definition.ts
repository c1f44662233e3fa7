// Weiterleitung an Mitarbeitende: transfer to an allow-listed target; "Rückfall" if nobody answers.
import type { HandoffNode } from '../../../../engine/src/flow/format/schema';
import { short } from '../single-next';
import type { NodeDefinition } from '../types';

export const handoffDefinition: NodeDefinition<HandoffNode> = {
  kind: 'handoff',
  label: { de: 'Weiterleitung an Mitarbeitende', en: 'transfer to staff' },
  hint: {
    de: 'Verbindet mit dem Team; Rückfall, wenn niemand annimmt.',
    en: 'Connects to staff; fallback when nobody answers.',
  },
  icon: '☞',
  color: '#c05621',
  idPrefix: 'weiterleitung',
  create: (lang) => ({
    kind: 'handoff',
    target: 'empfang',
    announce: lang === 'de' ? 'Ich verbinde Sie mit dem Team.' : 'I am connecting you to our team.',
    next: { fallback: '' },
  }),
  outputs: () => [{ id: 'fallback', label: { de: 'Rückfall', en: 'fallback' } }],
  getTarget: (node, handle) => (handle === 'fallback' ? node.next.fallback : undefined),
  withTarget: (node, handle, target) =>
    handle === 'fallback' ? { ...node, next: { fallback: target } } : node,
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
};
