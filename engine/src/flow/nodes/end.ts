// Verabschiedung: goodbye, deliver the call note, hang up (after the goodbye has played).
import type { EndNode } from '../format/schema';
import { sayPrompt } from '../interpreter/context';
import { finish } from '../interpreter/transitions';
import type { NodeBehaviour } from './behaviour';

export const end: NodeBehaviour<EndNode> = {
  enter(ctx, node) {
    sayPrompt(ctx, 'text', node.text, { bargeIn: false });
    finish(ctx, 'completed', { hangUp: true });
  },
};
