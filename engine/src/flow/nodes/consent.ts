// Begrüßung & Einwilligung: the AI disclosure (never interruptible: the caller must hear it),
// then the consent question. Yes → `yes`; no → `no`; after maxAttempts unclear answers →
// `unclear`. Keys: 1 = yes, 2 = no (the escape key is handled globally).
// Keyword triggers are only evaluated once consent is given — including the words that give it:
// "Ja, es ist ein Notfall!" consents and fires the emergency trigger in the same turn.
import type { ConsentNode } from '../format/schema';
import { understandYesNo, type YesNo } from '../nlu';
import { listen, sayPrompt } from '../interpreter/context';
import { fireTriggers } from '../interpreter/global';
import { goto } from '../interpreter/transitions';
import type { NodeBehaviour } from './behaviour';
import type { Ctx } from '../interpreter/context';

function decide(ctx: Ctx, node: ConsentNode, answer: YesNo, text = ''): void {
  if (answer === 'yes') {
    ctx.s.record.consent = 'given';
    if (!fireTriggers(ctx, text)) goto(ctx, node.next.yes);
  } else if (answer === 'no') {
    ctx.s.record.consent = 'refused';
    goto(ctx, node.next.no);
  } else if (++ctx.s.attempts >= (node.maxAttempts ?? 2)) {
    ctx.s.record.consent = 'unclear';
    goto(ctx, node.next.unclear);
  } else {
    sayPrompt(ctx, 'reprompt', node.reprompt ?? node.question);
    listen(ctx, 'yesno');
  }
}

export const consent: NodeBehaviour<ConsentNode> = {
  enter(ctx, node) {
    sayPrompt(ctx, 'disclosure', node.disclosure, { bargeIn: false });
    sayPrompt(ctx, 'question', node.question);
    listen(ctx, 'yesno');
  },
  utterance(ctx, node, text) {
    decide(ctx, node, understandYesNo(text, ctx.lang), text);
  },
  judge(ctx, _node, text) {
    return understandYesNo(text, ctx.lang) === 'unclear' ? 'unclear' : 'complete';
  },
  dtmf(ctx, node, digit) {
    if (digit !== '1' && digit !== '2') return false;
    decide(ctx, node, digit === '1' ? 'yes' : 'no');
    return true;
  },
  reprompt(ctx, node) {
    sayPrompt(ctx, 'reprompt', node.reprompt ?? node.question);
    listen(ctx, 'yesno');
  },
};
