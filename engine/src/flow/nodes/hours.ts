// Sprechzeiten: open or closed at the instant of the event that led here (never a clock).
import { isOpen } from '../call/hours';
import type { HoursNode } from '../format/schema';
import { namedNext, type StepKindSpec } from './spec';

export const hours: StepKindSpec<HoursNode> = {
  kind: 'hours',
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
