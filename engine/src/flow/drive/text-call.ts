// The one text driver of step(): caller turns in, what the caller hears, the path and the call
// note out. Pure (time comes in with each turn), so the conversation-test runner (and with it
// /simulate), `callflow simulate` and the designer's test chat all run a flow the same way; they
// differ only in how they show it. Requests to the language model (an extraction, an answer to a
// caller's question) are answered by `answerModel` — by default the deterministic policy
// (without-model.ts) — after all actions of a step were applied, as on a phone call where the
// model answers later.
import type { CompiledFlow } from '../compiled';
import type { CallAction, CallContext, CallEvent, CallState, EpochMs, StepResult } from '../call/types';
import type { Turn } from '../conversation/schema';
import { start, step } from '../interpreter/step';
import type { CallRecord } from '../record/schema';
import { eventsOfTurn, transcriptLine } from './turns';
import { withoutModel, type ModelRequest } from './without-model';

export interface HeardLine {
  who: 'bot' | 'caller';
  text: string;
  /** Index of the caller turn this belongs to (-1: the greeting before any turn). */
  turn: number;
  /** The bot answered a caller's question: the facts it came from ([] = none answered it). */
  factIds?: readonly string[];
}

export interface TextCall {
  readonly flow: CompiledFlow;
  readonly state: CallState;
  readonly lines: readonly HeardLine[];
  /** Every action step() returned, in order. */
  readonly actions: readonly CallAction[];
  /** Every event fed to step(), with the state it was applied to (benchmarks replay them). */
  readonly steps: readonly { before: CallState; event: CallEvent }[];
  /** The transfer target while a transfer rings (until a `handoff` turn says what happened). */
  readonly transfer: string | null;
  /** The delivered call note, once the call ended. */
  readonly record: CallRecord | undefined;
  /** Hung up or finished: further turns change nothing but the transcript. */
  readonly ended: boolean;
  /** A model request waiting for an `extract` or `answer` turn (answerModel chose to wait). */
  readonly pendingRequest: ModelRequest | undefined;
  /** How many caller turns were sent. */
  readonly turns: number;
}

export interface TurnOptions {
  /** A model request's answer, or undefined to wait for an `extract`/`answer` turn. Default: no model. */
  answerModel?(action: ModelRequest, at: EpochMs): CallEvent | undefined;
  /** The caller's line for this turn (null: none). Default: the transcript line. */
  callerLine?(turn: Turn): string | null;
}

/** A step whose model answer asks again may ask the model again; this bounds the chain. */
const MAX_CHAINED_REQUESTS = 20;

/** A TextCall being built: its own copies of the lists, appended to in place. */
type Draft = {
  -readonly [K in keyof TextCall]: TextCall[K] extends readonly (infer T)[] ? T[] : TextCall[K];
};

function apply(d: Draft, result: StepResult, turn: number): void {
  d.state = result.state;
  for (const a of result.actions) {
    d.actions.push(a);
    if (a.type === 'say')
      d.lines.push(
        a.factIds
          ? { who: 'bot', text: a.text, turn, factIds: a.factIds }
          : { who: 'bot', text: a.text, turn },
      );
    else if (a.type === 'transfer') d.transfer = a.target;
    else if (a.type === 'deliver') d.record ??= a.record;
    else if (a.type === 'hangup') d.ended = true;
    else if (a.type === 'extract' || a.type === 'answer') d.pendingRequest = a;
  }
  if (d.state.terminal) d.ended = true;
}

/** Applies a step's result and answers the model request it makes, as long as answers come. */
function settle(d: Draft, result: StepResult, at: EpochMs, turn: number, options: TurnOptions): void {
  const answerModel = options.answerModel ?? withoutModel;
  for (let chained = 0; ; chained++) {
    const before = d.pendingRequest;
    apply(d, result, turn);
    const asked = d.pendingRequest !== before ? d.pendingRequest : undefined;
    const answer = asked && chained < MAX_CHAINED_REQUESTS ? answerModel(asked, at) : undefined;
    if (!answer) return;
    d.pendingRequest = undefined;
    d.steps.push({ before: d.state, event: answer });
    result = step(d.flow, d.state, answer);
  }
}

function feed(d: Draft, event: CallEvent, turn: number, options: TurnOptions): void {
  d.steps.push({ before: d.state, event });
  settle(d, step(d.flow, d.state, event), event.at, turn, options);
}

const draftOf = (call: TextCall): Draft => ({
  ...call,
  lines: [...call.lines],
  actions: [...call.actions],
  steps: [...call.steps],
});

/** Starts the call: the greeting (and whatever follows it without the caller) is in `lines`. */
export function beginTextCall(flow: CompiledFlow, call: CallContext, options: TurnOptions = {}): TextCall {
  const first = start(flow, call);
  const d: Draft = {
    flow,
    state: first.state,
    lines: [],
    actions: [],
    steps: [],
    transfer: null,
    record: undefined,
    ended: false,
    pendingRequest: undefined,
    turns: 0,
  };
  settle(d, first, first.state.lastAt, -1, options);
  return d;
}

/** One caller turn at `at`; a new TextCall (the given one is not changed). */
export function sendTurn(call: TextCall, turn: Turn, at: EpochMs, options: TurnOptions = {}): TextCall {
  const d = draftOf(call);
  const index = d.turns++;
  const line = (options.callerLine ?? transcriptLine)(turn);
  if (line !== null) d.lines.push({ who: 'caller', text: line, turn: index });
  if ('handoff' in turn) d.transfer = null;
  const requestId = d.pendingRequest?.requestId;
  if ('extract' in turn || 'answer' in turn) d.pendingRequest = undefined;
  for (const event of eventsOfTurn(turn, at, requestId)) feed(d, event, index, options);
  return d;
}
