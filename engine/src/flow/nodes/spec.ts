// What a step kind is, in one place: its words, its exits, the prompts it speaks, the details it
// collects, whether it waits for the caller, and its behaviour. Everything else reads these specs
// (nodes/index.ts): the graph and the linter, the privacy record and its order, analytics exits,
// static prompts and hints, the diff's words, and the designer's palette, handles and cards.
// Behaviours never move the call themselves: they return what happens next (an exit or the end)
// and the interpreter follows it, so nodes/ and interpreter/ never import each other.
import type { Ctx } from '../call/context';
import type { AnswerVerdict, CallEvent, CallState, HandoffResult } from '../call/types';
import type { LocalizedText } from '../diagnostics';
import type { TSchema } from '@sinclair/typebox';
import type { IntakeField } from '../format/parts';
import type { FlowNode } from '../format/schema';
import type { Lang } from '../nlu';
import type { CallOutcome } from '../record/schema';

/**
 * What every step has, whatever its kind. Specs are written against it rather than the format's
 * union, so a kind's file type-checks on its own before its line in kinds.ts adds it to the union.
 */
export interface StepNode {
  kind: string;
  title?: string;
  note?: string;
}

/** A JSON Pointer's segments below `/nodes/<id>`, e.g. `['next', 'yes']`. */
export type NodePath = readonly (string | number)[];

/**
 * One way out of a step. `exit` is the one vocabulary for it: the graph's edge outcome, the
 * analytics label, the designer's handle id and what a behaviour returns.
 */
export interface StepExit {
  exit: string;
  /** The step it leads to; in a draft "" (not connected) or missing. */
  target: string;
  /** Where the target is written in the node. */
  path: NodePath;
  label: LocalizedText;
}

/** A text the step speaks, by the name its `say` actions and cache keys use. */
export interface StepPrompt {
  name: string;
  /** What is spoken; undefined when the flow leaves it out. */
  text: string | undefined;
  /** Where the text is written; absent when the step speaks another of its texts under this name. */
  path?: NodePath;
  /** A field's own prompt: its index, so earlier fields of the same step count as asked. */
  fieldIndex?: number;
  /** Spoken to staff (the whisper before a transfer), never to the caller and never cached. */
  toStaff?: true;
}

/** What a behaviour decides: stay and wait (undefined), leave by an exit, or end the call. */
export type Next =
  { readonly exit: string } | { readonly end: CallOutcome; readonly hangUp: boolean } | undefined;

export type ExtractedEvent = Extract<CallEvent, { type: 'extracted' }>;

/**
 * How a step reacts. Global behaviour (human escape, triggers, silence limits, call length,
 * hangup, provider faults) is handled before a step sees an event (interpreter/global.ts).
 * Handlers change only ctx.s (the step's draft) and ctx.out (the actions).
 */
export interface StepBehaviour<N extends StepNode = FlowNode> {
  enter(ctx: Ctx, node: N): Next;
  /** A final utterance while this step waits for the caller. */
  utterance?(ctx: Ctx, node: N, text: string): Next;
  /**
   * Whether these words (perhaps only the first part of what the caller says) already answer
   * what the step waits for — read-only, it never changes ctx. The runtime answers a `complete`
   * turn at once and waits a moment for more after a `partial` one. Without it: `complete`.
   */
  judge?(ctx: Ctx, node: N, text: string): AnswerVerdict;
  /** A key press that is not the human-escape key (a key that means nothing here changes nothing). */
  dtmf?(ctx: Ctx, node: N, digit: string): Next;
  /**
   * Ask the current question again, without apology: the global handlers say why first
   * ("Sind Sie noch da?" after silence, "niemand erreichbar" after a human request).
   */
  reprompt?(ctx: Ctx, node: N): void;
  extracted?(ctx: Ctx, node: N, event: ExtractedEvent): Next;
  handoffResult?(ctx: Ctx, node: N, outcome: HandoffResult): Next;
}

export interface StepKindSpec<N extends StepNode = FlowNode, S extends TSchema = TSchema> {
  kind: N['kind'];
  /**
   * The kind's part of the flow format (TypeBox, built from format/parts.ts): the flow's JSON
   * Schema, its TypeScript type and the precompiled validator are assembled from these
   * (format/schema.ts, `npm run gen:schema`).
   */
  schema: S;
  /** The glossary word: "Abfrage" / "questions". */
  words: LocalizedText;
  /** One sentence for the palette's tooltip. */
  hint: LocalizedText;
  /** Prefix for generated ids of new steps ("abfrage" → "abfrage-2"). */
  idPrefix: string;
  /** A new step of this kind, not yet connected (every exit's target is ""). */
  create(lang: Lang): N;
  /** The exits in document order. */
  exits(node: N): StepExit[];
  /** A copy of the node with `exit` leading to `target`; an unknown exit changes nothing. */
  withExit(node: N, exit: string, target: string): N;
  prompts(node: N): StepPrompt[];
  /** The details this step asks and keeps in the call note under their keys. */
  collects(node: N): readonly IntakeField[];
  /**
   * Whether the step may wait for the caller's words — the single answer to "does the caller
   * speak here": nothing may wait before consent (except the consent step itself), a transfer's
   * fallback through steps that wait for nothing would ring forever.
   */
  waitsForCaller(node: N): boolean;
  /** Words the caller is likely to say here, for speech recognition (choices, keywords). */
  hints?(node: N): string[];
  /**
   * Analytics: the name a left exit is counted under, given `candidates` (the step's exits that
   * lead where the call went) and the state after the step. Without it: the first candidate.
   */
  countedExit?(node: N, candidates: readonly string[], after: CallState): string;
  /** Words for the names countedExit uses beyond the exits' own (a transfer's "besetzt"). */
  countedWords?: Readonly<Record<string, LocalizedText>>;
  behaviour: StepBehaviour<N>;
}

/** DTMF keys 1…9 pick the n-th option (index, or -1). */
export function digitIndex(digit: string, count: number): number {
  const n = digit.length === 1 ? digit.charCodeAt(0) - 49 : -1;
  return n >= 0 && n < count && n < 9 ? n : -1;
}

/** The words of the plain `next` exit. */
export const NEXT_WORDS: LocalizedText = { de: 'weiter', en: 'next' };

/** Exits for the kinds that continue with one plain `next` id. */
export function singleNext<N extends StepNode & { next: string }>(): Pick<
  StepKindSpec<N>,
  'exits' | 'withExit'
> {
  return {
    exits: (node) => [{ exit: 'next', target: node.next, path: ['next'], label: NEXT_WORDS }],
    withExit: (node, exit, target) => (exit === 'next' ? { ...node, next: target } : node),
  };
}

/** Exits for the kinds whose `next` names a target per outcome (yes/no/unclear, open/closed). */
export function namedNext<N extends StepNode & { next: Record<string, string> }>(
  words: Readonly<Record<keyof N['next'] & string, LocalizedText>>,
): Pick<StepKindSpec<N>, 'exits' | 'withExit'> {
  const names = Object.keys(words) as (keyof N['next'] & string)[];
  return {
    exits: (node) =>
      names.map((exit) => ({ exit, target: node.next?.[exit], path: ['next', exit], label: words[exit] })),
    withExit: (node, exit, target) => {
      const next: Readonly<Record<string, string>> = node.next;
      return (names as string[]).includes(exit) ? { ...node, next: { ...next, [exit]: target } } : node;
    },
  };
}
