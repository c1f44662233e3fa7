// Weiche: picks the first option whose keywords occur in an already collected field, or in the
// caller's answer to `prompt`; otherwise `default`. Keys 1…n pick the n-th option. Each option is
// an exit named by its id (the linter keeps ids apart from `default`).
import { listen, sayPrompt, type Ctx } from '../call/context';
import { Type, type Static } from '@sinclair/typebox';
import { strict, NodeId, FieldKey, Prompt, Label, Keywords, common } from '../format/parts';
import { matchKeywords } from '../nlu';
import { digitIndex, type Next, type StepKindSpec } from './spec';

export const BranchOption = Type.Object(
  { id: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,63}$' }), label: Label, keywords: Keywords, next: NodeId },
  strict,
);

export const BranchNode = Type.Object(
  {
    kind: Type.Literal('branch'),
    ...common,
    prompt: Type.Optional(Prompt),
    field: Type.Optional(FieldKey),
    options: Type.Array(BranchOption, { minItems: 1, maxItems: 20 }),
    default: NodeId,
  },
  {
    ...strict,
    description:
      'Chooses a path by keywords: in the answer to `prompt`, or in an already collected `field`; otherwise `default`.',
  },
);
export type BranchNode = Static<typeof BranchNode>;

const optionIn = (ctx: Ctx, node: BranchNode, text: string) =>
  node.options.find((o) => matchKeywords(text, o.keywords, ctx.lang) !== null);

const choose = (ctx: Ctx, node: BranchNode, text: string): Next => ({
  exit: optionIn(ctx, node, text)?.id ?? 'default',
});

function ask(ctx: Ctx, node: BranchNode): void {
  sayPrompt(ctx, 'prompt', node.prompt ?? '');
  listen(ctx, 'choice');
}

/** Decides on a collected detail rather than asking (see the linter's branch.prompt-ignored). */
const decidesOnDetail = (node: BranchNode): boolean => node.field !== undefined;

export const branch: StepKindSpec<BranchNode, typeof BranchNode> = {
  kind: 'branch',
  schema: BranchNode,
  words: { de: 'Weiche', en: 'branch' },
  hint: {
    de: 'Wählt den Weg nach Stichworten oder Auswahl.',
    en: 'Chooses the path by keywords or choices.',
  },
  idPrefix: 'weiche',
  create: (lang) => ({
    kind: 'branch',
    prompt: lang === 'de' ? 'Worum geht es?' : 'What is it about?',
    options: [
      // The option's id is made from its label, as the designer does when it is renamed (ids/names.ts).
      lang === 'de'
        ? { id: 'termin', label: 'Termin', keywords: ['termin'], next: '' }
        : { id: 'appointment', label: 'Appointment', keywords: ['termin'], next: '' },
    ],
    default: '',
  }),
  exits: (node) => [
    ...node.options.map((o, i) => ({
      exit: o.id,
      target: o.next,
      path: ['options', i, 'next'],
      label: { de: o.label, en: o.label },
    })),
    { exit: 'default', target: node.default, path: ['default'], label: { de: 'Sonst', en: 'Otherwise' } },
  ],
  withExit: (node, exit, target) =>
    exit === 'default'
      ? { ...node, default: target }
      : { ...node, options: node.options.map((o) => (o.id === exit ? { ...o, next: target } : o)) },
  prompts: (node) => [{ name: 'prompt', text: node.prompt, path: ['prompt'] }],
  collects: () => [],
  waitsForCaller: (node) => node.prompt !== undefined && !decidesOnDetail(node),
  hints: (node) => node.options.flatMap((o) => [o.label, ...o.keywords]),
  behaviour: {
    enter(ctx, node) {
      if (node.field !== undefined) {
        const collected = ctx.s.record.fields[node.field];
        return choose(ctx, node, collected === undefined ? '' : String(collected.value));
      }
      if (node.prompt === undefined) return { exit: 'default' };
      ask(ctx, node);
      return undefined;
    },
    utterance: choose,
    judge: (ctx, node, text) => (optionIn(ctx, node, text) ? 'complete' : 'unclear'),
    dtmf(ctx, node, digit) {
      const i = digitIndex(digit, node.options.length);
      if (i < 0 || node.prompt === undefined) return undefined;
      return { exit: node.options[i].id };
    },
    reprompt(ctx, node) {
      if (node.prompt !== undefined) ask(ctx, node);
    },
  },
};
