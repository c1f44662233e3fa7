// Weiche: chooses a path by keywords; one handle per option plus "Sonst".
// Words, exits and a new step come from the engine's spec (engine/src/flow/nodes/branch.ts).
import type { BranchNode } from '../../../../engine/src/flow/format/schema';
import { branch } from '../../../../engine/src/flow/nodes/branch';
import { defineNode } from '../define';
import { short } from '../short';

export const branchDefinition = defineNode<BranchNode>(branch, {
  icon: '⋔',
  color: '#b7791f',
  summary: (node, lang) => [
    ...(node.prompt ? [`? ${short(node.prompt, 60)}`] : []),
    // The card shows no keys (ids are for integrators); the inspector names the detail.
    ...(node.field
      ? [lang === 'en' ? '⟵ decides by a detail already given' : '⟵ entscheidet nach einer Angabe']
      : []),
    ...node.options.map((o) => `• ${o.label}: ${short(o.keywords.join(', '), 50)}`),
  ],
  form: [
    { type: 'text', key: 'title', label: { de: 'Titel', en: 'Title' }, optional: true },
    { type: 'prompt', key: 'prompt', label: { de: 'Frage', en: 'Question' }, optional: true },
    {
      type: 'detail',
      key: 'field',
      label: { de: 'Oder: eine bereits erfragte Angabe prüfen', en: 'Or: check a detail already given' },
    },
    { type: 'branchOptions' },
  ],
});
