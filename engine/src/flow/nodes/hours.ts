// Sprechzeiten: open or closed at the instant of the event that led here (never a clock).
import type { HoursNode } from '../format/schema';
import { isOpen } from '../interpreter/hours';
import { goto } from '../interpreter/transitions';
import type { NodeBehaviour } from './behaviour';

export const hours: NodeBehaviour<HoursNode> = {
  enter(ctx, node) {
    goto(ctx, isOpen(ctx.flow.flow.settings.businessHours, ctx.at) ? node.next.open : node.next.closed);
  },
};
