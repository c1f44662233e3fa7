// Begrüßung & Einwilligung: the AI disclosure (never interruptible: the caller must hear it),
// then the consent question. Yes → `yes`; no → `no`; after maxAttempts unclear answers →
// `unclear`. Keys: 1 = yes, 2 = no (the escape key is handled globally).
// Keyword triggers are only evaluated once consent is given — including the words that give it:
// "Ja, es ist ein Notfall!" consents and fires the emergency trigger in the same turn (the
// interpreter fires them when consent turns `given` during an utterance).
import { listen, sayPrompt, type Ctx } from '../call/context';
import { Type, type Static } from '@sinclair/typebox';
import { strict, NodeId, Prompt, common } from '../format/parts';
import { understandYesNo, type YesNo } from '../nlu';
import { namedNext, type Next, type StepKindSpec } from './spec';

export const ConsentNode = Type.Object(
  {
    kind: Type.Literal('consent'),
    ...common,
    disclosure: Prompt,
    question: Prompt,
    reprompt: Type.Optional(Prompt),
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 2 })),
    next: Type.Object({ yes: NodeId, no: NodeId, unclear: NodeId }, strict),
  },
  { ...strict, description: 'AI disclosure and consent question; outcomes yes / no / unclear.' },
);
export type ConsentNode = Static<typeof ConsentNode>;

function decide(ctx: Ctx, node: ConsentNode, answer: YesNo): Next {
  if (answer === 'yes') {
    ctx.s.record.consent = 'given';
    return { exit: 'yes' };
  }
  if (answer === 'no') {
    ctx.s.record.consent = 'refused';
    return { exit: 'no' };
  }
  if (++ctx.s.attempts >= (node.maxAttempts ?? 2)) {
    ctx.s.record.consent = 'unclear';
    return { exit: 'unclear' };
  }
  sayPrompt(ctx, 'reprompt', node.reprompt ?? node.question);
  listen(ctx, 'yesno');
  return undefined;
}

/** The record's consent answer → the exit it was given by. */
const EXIT_OF_ANSWER: Readonly<Record<string, string>> = { given: 'yes', refused: 'no', unclear: 'unclear' };

export const consent: StepKindSpec<ConsentNode, typeof ConsentNode> = {
  kind: 'consent',
  schema: ConsentNode,
  words: { de: 'Begrüßung & Einwilligung', en: 'greeting & consent' },
  hint: {
    de: 'KI-Hinweis und Frage nach der Einwilligung – muss das Erste sein, was Anrufende hören.',
    en: 'AI notice and consent question – must be the first thing callers hear.',
  },
  idPrefix: 'begruessung',
  create: (lang) => ({
    kind: 'consent',
    disclosure:
      lang === 'de'
        ? 'Guten Tag, Sie sprechen mit einem automatischen KI-Assistenten. Das Gespräch wird nicht aufgezeichnet.'
        : 'Hello, you are speaking with an automated AI assistant. This call is not recorded.',
    question: lang === 'de' ? 'Sind Sie damit einverstanden?' : 'Do you agree?',
    next: { yes: '', no: '', unclear: '' },
  }),
  ...namedNext<ConsentNode>({
    yes: { de: 'ja', en: 'yes' },
    no: { de: 'nein', en: 'no' },
    unclear: { de: 'unklar', en: 'unclear' },
  }),
  prompts: (node) => [
    { name: 'disclosure', text: node.disclosure, path: ['disclosure'] },
    { name: 'question', text: node.question, path: ['question'] },
    node.reprompt !== undefined
      ? { name: 'reprompt', text: node.reprompt, path: ['reprompt'] }
      : { name: 'reprompt', text: node.question },
  ],
  collects: () => [],
  waitsForCaller: () => true,
  // Several answers may lead to the same step: the record's consent tells which was given.
  countedExit: (_node, candidates, after) => {
    const given = EXIT_OF_ANSWER[after.record.consent];
    return given !== undefined && candidates.includes(given) ? given : candidates[0];
  },
  behaviour: {
    enter(ctx, node) {
      sayPrompt(ctx, 'disclosure', node.disclosure, { bargeIn: false });
      sayPrompt(ctx, 'question', node.question);
      listen(ctx, 'yesno');
      return undefined;
    },
    utterance: (ctx, node, text) => decide(ctx, node, understandYesNo(text, ctx.lang)),
    judge: (ctx, _node, text) => (understandYesNo(text, ctx.lang) === 'unclear' ? 'unclear' : 'complete'),
    dtmf(ctx, node, digit) {
      if (digit !== '1' && digit !== '2') return undefined;
      return decide(ctx, node, digit === '1' ? 'yes' : 'no');
    },
    reprompt(ctx, node) {
      sayPrompt(ctx, 'reprompt', node.reprompt ?? node.question);
      listen(ctx, 'yesno');
    },
  },
};
