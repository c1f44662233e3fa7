// Weiche: picks the first option whose keywords occur in an already collected field, or in the
// caller's answer to `prompt`; otherwise `default`. Keys 1…n pick the n-th option.
import type { BranchNode } from '../format/schema';
import { matchKeywords } from '../nlu';
import { listen, sayPrompt, type Ctx } from '../interpreter/context';
import { goto } from '../interpreter/transitions';
import { digitIndex, type NodeBehaviour } from './behaviour';

const optionIn = (ctx: Ctx, node: BranchNode, text: string) =>
  node.options.find((o) => matchKeywords(text, o.keywords, ctx.lang) !== null);

function choose(ctx: Ctx, node: BranchNode, text: string): void {
  goto(ctx, optionIn(ctx, node, text)?.next ?? node.default);
}

export const branch: NodeBehaviour<BranchNode> = {
  enter(ctx, node) {
    if (node.field !== undefined) {
      const collected = ctx.s.record.fields[node.field];
      choose(ctx, node, collected === undefined ? '' : String(collected.value));
    } else if (node.prompt !== undefined) {
      sayPrompt(ctx, 'prompt', node.prompt);
      listen(ctx, 'choice');
    } else {
      goto(ctx, node.default);
    }
  },
  utterance(ctx, node, text) {
    choose(ctx, node, text);
  },
  judge(ctx, node, text) {
    return optionIn(ctx, node, text) ? 'complete' : 'unclear';
  },
  dtmf(ctx, node, digit) {
    const i = digitIndex(digit, node.options.length);
    if (i < 0 || node.prompt === undefined) return false;
    goto(ctx, node.options[i].next);
    return true;
  },
  reprompt(ctx, node) {
    if (node.prompt === undefined) return;
    sayPrompt(ctx, 'prompt', node.prompt);
    listen(ctx, 'choice');
  },
};
