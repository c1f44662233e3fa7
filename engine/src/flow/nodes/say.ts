// Ansage: speaks its text and continues; the next node's prompts follow in the same step
// (actions are played in order, so the caller hears them one after the other).
import type { SayNode } from '../format/schema';
import { sayPrompt } from '../interpreter/context';
import { goto } from '../interpreter/transitions';
import type { NodeBehaviour } from './behaviour';

export const say: NodeBehaviour<SayNode> = {
  enter(ctx, node) {
    sayPrompt(ctx, 'text', node.text, { bargeIn: node.bargeIn ?? true });
    goto(ctx, node.next);
  },
};
