// start() and step(): the whole interpreter as two pure functions. step() copies the state,
// lets the handlers change the copy, and returns it with the actions; the input is never
// touched. After the call is over every event is a no-op. An unexpected error never escapes:
// the call ends politely with outcome `failed` and the record is still delivered.
import { callerSaid, currentNode, limitsOf, makeCtx, MAX_CALL_TIMER, type Ctx } from '../call/context';
import type { CallContext, CallEvent, CallState, StepResult } from '../call/types';
import type { CompiledFlow } from '../compiled';
import { specOf, type StepBehaviour } from '../nodes';
import { emptyDraft } from '../record/build';
import { faultedHandoffResult, onProviderFault } from './faults';
import { escapeToHuman, fireTriggers, onSilence, wantsHuman } from './global';
import { hintsFor } from './hints';
import { answerQuestion, dropPendingQuestion, onAnswered } from './questions';
import { cloneState } from './state';
import { finish, follow, goto, politeEnd } from './transitions';

/** Events per call at most: a bound for callers (or tests) that feed events with a frozen clock. */
export const MAX_TURNS = 500;

const WAITING = new Set(['ask', 'confirm', 'time']);

export function start(flow: CompiledFlow, call: CallContext): StepResult {
  // A broken clock at the edge must not break the call: fall back to the epoch (records show it).
  const startedAt = Number.isFinite(call.startedAt) ? call.startedAt : 0;
  const s: CallState = {
    v: 1,
    txId: call.txId,
    startedAt,
    lastAt: startedAt,
    test: call.test ?? call.channel === 'test',
    node: flow.flow.start,
    phase: 'ask',
    field: 0,
    attempts: 0,
    seq: 0,
    silences: 0,
    turns: 0,
    path: [],
    fired: [],
    record: emptyDraft(flow.flow.settings.record.transcript),
    terminal: false,
  };
  if (call.callerNumber) s.callerNumber = call.callerNumber;
  const ctx = makeCtx(flow, s, startedAt, hintsFor);
  ctx.out.push({ type: 'timer.start', id: MAX_CALL_TIMER, ms: limitsOf(flow).maxCallMs });
  goto(ctx, flow.flow.start);
  return { state: s, actions: ctx.out };
}

export function step(flow: CompiledFlow, state: CallState, event: CallEvent): StepResult {
  if (state.terminal) return { state, actions: [] };
  const at = typeof event?.at === 'number' && Number.isFinite(event.at) ? event.at : state.lastAt;
  const ctx = makeCtx(flow, cloneState(state), at, hintsFor);
  try {
    handle(ctx, event);
  } catch {
    return failSafe(flow, state, at);
  }
  return { state: ctx.s, actions: ctx.out };
}

/** Ends the call after an unexpected error; if even that fails, at least hang up. */
function failSafe(flow: CompiledFlow, state: CallState, at: number): StepResult {
  try {
    const failed = makeCtx(flow, cloneState(state), at, hintsFor);
    politeEnd(failed, 'failedEnd', 'failed');
    return { state: failed.s, actions: failed.out };
  } catch {
    return {
      state: { ...state, terminal: true, phase: 'done', outcome: 'failed' },
      actions: [{ type: 'hangup' }],
    };
  }
}

function handle(ctx: Ctx, event: CallEvent): void {
  const s = ctx.s;
  s.turns++;
  s.lastAt = Math.max(s.lastAt, ctx.at);
  if (event.type === 'hangup') return finish(ctx, 'hung-up', { hangUp: false });
  const tooLong = ctx.at - s.startedAt >= limitsOf(ctx.flow).maxCallMs;
  if (tooLong || s.turns > MAX_TURNS || (event.type === 'timer' && event.id === MAX_CALL_TIMER)) {
    return politeEnd(ctx, 'maxCallLength');
  }
  const node = currentNode(ctx);
  const behaviour: StepBehaviour = specOf(node)?.behaviour ?? { enter: () => undefined };
  switch (event.type) {
    case 'utterance': {
      if (event.final === false || typeof event.text !== 'string') return;
      callerSaid(ctx, event.text);
      s.silences = 0;
      if (!WAITING.has(s.phase) && s.phase !== 'extract' && s.phase !== 'answer') return;
      dropPendingQuestion(ctx);
      if (wantsHuman(ctx, event.text)) return escapeToHuman(ctx);
      if (fireTriggers(ctx, event.text)) return;
      // A step that waits for the caller: a question is answered, and the step asks again.
      if (specOf(node)?.waitsForCaller(node) && answerQuestion(ctx, node, event.text)) return;
      const consentBefore = s.record.consent;
      const next = behaviour.utterance?.(ctx, node, event.text);
      // Triggers also hear the words that give consent ("Ja, es ist ein Notfall"): a jump wins.
      if (consentBefore !== 'given' && s.record.consent === 'given' && fireTriggers(ctx, event.text)) return;
      return follow(ctx, next);
    }
    case 'dtmf': {
      if (typeof event.digit !== 'string') return;
      callerSaid(ctx, `[${event.digit}]`);
      if (s.phase === 'transfer') return;
      if (event.digit === ctx.flow.flow.humanEscape.dtmf) return escapeToHuman(ctx);
      s.silences = 0;
      return follow(ctx, behaviour.dtmf?.(ctx, node, event.digit));
    }
    case 'silence':
      if (WAITING.has(s.phase)) onSilence(ctx);
      return;
    case 'extracted':
      return follow(ctx, behaviour.extracted?.(ctx, node, event));
    case 'answered':
      return onAnswered(ctx, event);
    case 'handoff.result':
      if (faultedHandoffResult(ctx, event.outcome)) return;
      return follow(ctx, behaviour.handoffResult?.(ctx, node, event.outcome));
    case 'provider.fault':
      return onProviderFault(ctx, event.stage);
    default:
      // `played` and unknown timers change nothing.
      return;
  }
}
