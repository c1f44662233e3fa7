// Sprechzeiten: open or closed at the instant of the event that led here (never a clock).
import { isOpen } from '../call/hours';
import { Type, type Static } from '@sinclair/typebox';
import { strict, NodeId, common } from '../format/parts';
import { namedNext, type StepKindSpec } from './spec';

export const HoursNode = Type.Object(
  {
    kind: Type.Literal('hours'),
    ...common,
    next: Type.Object({ open: NodeId, closed: NodeId }, strict),
  },
  { ...strict, description: 'Continues by whether it is currently within business hours.' },
);
export type HoursNode = Static<typeof HoursNode>;

export const hours: StepKindSpec<HoursNode, typeof HoursNode> = {
  kind: 'hours',
  schema: HoursNode,
  words: { de: 'Sprechzeiten', en: 'opening hours' },
  hint: {
    de: 'Verzweigt danach, ob gerade geöffnet ist.',
    en: 'Branches on whether you are open right now.',
  },
  idPrefix: 'sprechzeiten',
  create: () => ({ kind: 'hours', next: { open: '', closed: '' } }),
  ...namedNext<HoursNode>({
    open: { de: 'geöffnet', en: 'open' },
    closed: { de: 'geschlossen', en: 'closed' },
  }),
  prompts: () => [],
  collects: () => [],
  waitsForCaller: () => false,
  behaviour: {
    enter: (ctx) => ({ exit: isOpen(ctx.flow.flow.settings.businessHours, ctx.at) ? 'open' : 'closed' }),
  },
};
