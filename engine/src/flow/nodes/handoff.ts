// Weiterleitung an Mitarbeitende: outside business hours (when `respectHours`, the default)
// straight to `fallback`; otherwise announce and transfer to the allow-listed target from the
// flow. Answered → the call is handed over (record delivered, no hangup); no answer, busy or
// failed → `fallback`. While the phone rings, the caller's words are not processed.
import { sayPrompt, type Ctx } from '../call/context';
import { isOpen } from '../call/hours';
import { phrase } from '../call/phrases';
import { fillTemplate } from '../call/template';
import { Type, type Static } from '@sinclair/typebox';
import { strict, NodeId, Prompt, common } from '../format/parts';
import { namedNext, type StepKindSpec } from './spec';

export const HandoffNode = Type.Object(
  {
    kind: Type.Literal('handoff'),
    ...common,
    target: Type.String({
      pattern: '^[a-z][a-z0-9_-]{0,63}$',
      description: "Id of a transfer target in the organisation's allow-list.",
    }),
    announce: Prompt,
    whisper: Type.Optional(Prompt),
    respectHours: Type.Optional(Type.Boolean({ default: true })),
    ringSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 60, default: 20 })),
    next: Type.Object({ fallback: NodeId }, strict),
  },
  {
    ...strict,
    description:
      'Transfers the caller to staff; `fallback` when nobody answers, the line is busy or it is closed.',
  },
);
export type HandoffNode = Static<typeof HandoffNode>;

/**
 * Default whisper: that the call comes from the assistant, and the caller's name if known.
 * Deliberately not the concern: the whisper is synthesised by the TTS vendor, and a concern may
 * be special-category data (privacy.md: keep what the voice vendor sees minimal).
 */
function whisperOf(ctx: Ctx, node: HandoffNode): string {
  if (node.whisper !== undefined) return fillTemplate(node.whisper, ctx.s.record.fields, ctx.lang);
  const parts: string[] = [phrase('whisper', ctx.lang)];
  const name = Object.values(ctx.flow.nodes)
    .flatMap((n) => (n.kind === 'intake' ? n.fields : []))
    .find((f) => f.role === 'callerName');
  const value = name && ctx.s.record.fields[name.key];
  if (name && value) parts.push(`${name.label}: ${String(value.value)}.`);
  return parts.join(' ');
}

export const handoff: StepKindSpec<HandoffNode, typeof HandoffNode> = {
  kind: 'handoff',
  schema: HandoffNode,
  words: { de: 'Weiterleitung an Mitarbeitende', en: 'transfer to staff' },
  hint: {
    de: 'Verbindet mit dem Team; Rückfall, wenn niemand annimmt.',
    en: 'Connects to staff; fallback when nobody answers.',
  },
  idPrefix: 'weiterleitung',
  create: (lang) => ({
    kind: 'handoff',
    target: 'empfang',
    announce: lang === 'de' ? 'Ich verbinde Sie mit dem Team.' : 'I am connecting you to our team.',
    next: { fallback: '' },
  }),
  ...namedNext<HandoffNode>({ fallback: { de: 'Rückfall', en: 'fallback' } }),
  prompts: (node) => [
    { name: 'announce', text: node.announce, path: ['announce'] },
    { name: 'whisper', text: node.whisper, path: ['whisper'], toStaff: true },
  ],
  collects: () => [],
  waitsForCaller: () => false,
  // The fallback is counted by why nobody took the call: that is what a practice acts on.
  countedExit: (_node, _candidates, after) => after.record.handoff?.outcome ?? 'fallback',
  countedWords: {
    'no-answer': { de: 'nicht angenommen', en: 'not answered' },
    busy: { de: 'besetzt', en: 'busy' },
    closed: { de: 'außerhalb der Sprechzeiten', en: 'outside opening hours' },
  },
  behaviour: {
    enter(ctx, node) {
      if ((node.respectHours ?? true) && !isOpen(ctx.flow.flow.settings.businessHours, ctx.at)) {
        ctx.s.record.handoff = { target: node.target, outcome: 'closed' };
        return { exit: 'fallback' };
      }
      sayPrompt(ctx, 'announce', node.announce, { bargeIn: false });
      ctx.out.push({
        type: 'transfer',
        target: node.target,
        whisper: whisperOf(ctx, node),
        ringSeconds: node.ringSeconds ?? 20,
      });
      ctx.s.phase = 'transfer';
      return undefined;
    },
    handoffResult(ctx, node, outcome) {
      if (ctx.s.phase !== 'transfer') return undefined;
      ctx.s.record.handoff = { target: node.target, outcome };
      return outcome === 'answered' ? { end: 'handed-off', hangUp: false } : { exit: 'fallback' };
    },
  },
};
