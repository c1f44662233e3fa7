// Weiche: chooses a path by keywords; one handle per option plus "Sonst".
import type { BranchNode } from '../../../../engine/src/flow/format/schema';
import { short } from '../single-next';
import type { NodeDefinition } from '../types';

const OPTION = 'option:';

export const branchDefinition: NodeDefinition<BranchNode> = {
  kind: 'branch',
  label: { de: 'Weiche', en: 'branch' },
  hint: {
    de: 'Wählt den Weg nach Stichworten oder Auswahl.',
    en: 'Chooses the path by keywords or choices.',
  },
  icon: '⋔',
  color: '#b7791f',
  idPrefix: 'weiche',
  create: (lang) => ({
    kind: 'branch',
    prompt: lang === 'de' ? 'Worum geht es?' : 'What is it about?',
    options: [
      { id: 'option-1', label: lang === 'de' ? 'Termin' : 'Appointment', keywords: ['termin'], next: '' },
    ],
    default: '',
  }),
  outputs: (node) => [
    ...node.options.map((o) => ({ id: OPTION + o.id, label: { de: o.label, en: o.label } })),
    { id: 'default', label: { de: 'Sonst', en: 'Otherwise' } },
  ],
  getTarget: (node, handle) =>
    handle === 'default' ? node.default : node.options.find((o) => OPTION + o.id === handle)?.next,
  withTarget: (node, handle, target) =>
    handle === 'default'
      ? { ...node, default: target }
      : {
          ...node,
          options: node.options.map((o) => (OPTION + o.id === handle ? { ...o, next: target } : o)),
        },
  summary: (node) => [
    ...(node.prompt ? [`? ${short(node.prompt, 60)}`] : []),
    ...(node.field ? [`⟵ {${node.field}}`] : []),
    ...node.options.map((o) => `• ${o.label}: ${short(o.keywords.join(', '), 50)}`),
  ],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'prompt', key: 'prompt', label: { de: 'Frage', en: 'Question' }, optional: true },
    {
      type: 'text',
      key: 'field',
      label: {
        de: 'Oder: bereits erfragte Angabe prüfen (Schlüssel)',
        en: 'Or: check a collected detail (key)',
      },
      optional: true,
    },
    { type: 'branchOptions' },
  ],
};
