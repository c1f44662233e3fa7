// What a node kind must implement: how it is entered and how it reacts to the caller. Global
// behaviour (human escape, triggers, silence limits, call length, hangup) is handled before a
// node sees an event, in ../interpreter/global.ts. Handlers change only ctx.s (the step's draft).
import type { FlowNode } from '../format/schema';
import type { Ctx } from '../interpreter/context';
import type { AnswerVerdict, CallEvent, HandoffResult } from '../interpreter/types';

export type ExtractedEvent = Extract<CallEvent, { type: 'extracted' }>;

export interface NodeBehaviour<N extends FlowNode = FlowNode> {
  enter(ctx: Ctx, node: N): void;
  /** A final utterance while this node waits for the caller. */
  utterance?(ctx: Ctx, node: N, text: string): void;
  /**
   * Whether these words (perhaps only the first part of what the caller says) already answer
   * what the node waits for — read-only, it never changes ctx. The runtime answers a `complete`
   * turn at once and waits a moment for more after a `partial` one. Without it: `complete`.
   */
  judge?(ctx: Ctx, node: N, text: string): AnswerVerdict;
  /** A key press that is not the human-escape key. Returns false when the key means nothing here. */
  dtmf?(ctx: Ctx, node: N, digit: string): boolean;
  /**
   * Ask the current question again, without apology: the global handlers say why first
   * ("Sind Sie noch da?" after silence, "niemand erreichbar" after a human request).
   */
  reprompt?(ctx: Ctx, node: N): void;
  extracted?(ctx: Ctx, node: N, event: ExtractedEvent): void;
  handoffResult?(ctx: Ctx, node: N, outcome: HandoffResult): void;
}

/** DTMF keys 1…9 pick the n-th option (index, or -1). */
export function digitIndex(digit: string, count: number): number {
  const n = digit.length === 1 ? digit.charCodeAt(0) - 49 : -1;
  return n >= 0 && n < count && n < 9 ? n : -1;
}
