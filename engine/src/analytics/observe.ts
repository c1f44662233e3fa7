// The call observer: fed with the start state and every step of one call (state before, event,
// state after), it counts per node what the dashboard shows — entered, how it was left,
// reprompts, silences, human requests, triggers, hang-ups, provider fallbacks — and, when the
// call has ended, the outcome and duration. Pure and browser-safe like the flow core; time comes
// only from the events' `at`.
import type { CompiledFlow } from '../flow/compiled';
import type { CallEvent, CallState } from '../flow/call/types';
import type { CallRecord } from '../flow/record/schema';
import { asksForHuman, exitOnEvent, regularExit } from './exits';
import { emptyHistogram, LATENCY_BOUNDS_MS, observeInto } from './histogram';
import { emptyCounts, type AnalyticsOutcome, type CallSummary, type NodeCounts } from './summary';

const OUTCOMES: Record<CallRecord['outcome'], AnalyticsOutcome> = {
  completed: 'delivered',
  'handed-off': 'handed-off',
  'hung-up': 'hung-up',
  failed: 'failed',
};

export interface StepTiming {
  /** Time the engine itself added to this turn (runtime measurement), milliseconds. */
  engineLatencyMs?: number;
}

export interface CallObserver {
  step(before: CallState, event: CallEvent, after: CallState, timing?: StepTiming): void;
  /** The summary once the call has ended; null while it is still running. */
  summary(): CallSummary | null;
}

/** YYYY-MM-DD of `at` in `timeZone` (falls back to UTC for an unknown zone). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function dayIn(at: number, timeZone: string): string {
  const date = new Date(Number.isFinite(at) ? at : 0);
  try {
    let f = dayFormats.get(timeZone);
    if (!f)
      dayFormats.set(
        timeZone,
        (f = new Intl.DateTimeFormat('en-CA', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        })),
      );
    return f.format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

export function observeCall(flow: CompiledFlow, first: CallState): CallObserver {
  const nodes: Record<string, NodeCounts> = {};
  const latency = emptyHistogram(LATENCY_BOUNDS_MS);
  let measured = false;
  let last = first;
  const at = (id: string): NodeCounts => (nodes[id] ??= emptyCounts());
  const bump = (rec: Record<string, number>, key: string) => {
    rec[key] = (rec[key] ?? 0) + 1;
  };
  const entered = (before: CallState | null, after: CallState): string[] =>
    after.path.slice(before ? before.path.length : 0);
  const end = (after: CallState) => {
    if (after.terminal && after.outcome) bump(at(after.node).left, after.outcome);
  };

  for (const id of entered(null, first)) at(id).entered += 1;
  chain(first.path, 0);
  end(first);

  /** Nodes entered and left inside one step without waiting for the caller. */
  function chain(path: readonly string[], from: number): void {
    for (let i = Math.max(from, 1); i < path.length; i++)
      bump(at(path[i - 1]!).left, regularExit(flow, path[i - 1]!, path[i]!, last));
  }

  return {
    step(before, event, after, timing) {
      if (before.terminal) return;
      last = after;
      const here = at(before.node);
      const fired = after.fired.filter((id) => !before.fired.includes(id));
      for (const id of fired) bump(here.triggers, id);
      if (event.type === 'silence') here.silences += 1;
      if (event.type === 'hangup') here.hungUp += 1;
      if (event.type === 'extracted' && event.error !== undefined) here.fallbacks += 1;
      if (event.type === 'provider.fault') here.fallbacks += 1;
      for (const id of (after.answeredFacts ?? []).slice(before.answeredFacts?.length ?? 0))
        bump(here.answered, id);
      here.unanswered += (after.unansweredQuestions ?? 0) - (before.unansweredQuestions ?? 0);
      const human = asksForHuman(flow, event);
      if (human) here.humanRequested += 1;
      const added = entered(before, after);
      if (added.length === 0 && after.node === before.node && after.attempts > before.attempts)
        here.reprompts += 1;
      for (const id of added) at(id).entered += 1;
      if (added.length > 0) {
        bump(here.left, exitOnEvent(flow, before.node, added[0]!, event, { firedNow: fired, human, after }));
        chain(after.path, before.path.length + 1);
      }
      end(after);
      if (timing?.engineLatencyMs !== undefined) {
        observeInto(latency, LATENCY_BOUNDS_MS, timing.engineLatencyMs);
        measured = true;
      }
    },
    summary() {
      if (!last.terminal || !last.outcome) return null;
      return {
        day: dayIn(last.startedAt, flow.flow.settings.businessHours.timeZone),
        outcome: OUTCOMES[last.outcome],
        durationMs: Math.max(0, last.lastAt - last.startedAt),
        ...(measured ? { latency: [...latency] } : {}),
        nodes,
      };
    },
  };
}

/** Summary of a conversation run (`runScenario` result): its steps replayed through an observer. */
export function summarizeRun(
  flow: CompiledFlow,
  run: { steps: readonly { before: CallState; event: CallEvent }[]; state: CallState },
): CallSummary | null {
  const observer = observeCall(flow, run.steps[0]?.before ?? run.state);
  run.steps.forEach((s, i) => observer.step(s.before, s.event, run.steps[i + 1]?.before ?? run.state));
  return observer.summary();
}
