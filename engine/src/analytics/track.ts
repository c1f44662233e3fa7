// The seam for a running call (voice runtime, any edge that drives start()/step()): one tracker
// per call feeds the observer and, exactly once when the call has ended, hands the summary to
// the AnalyticsRecorder. Recording errors are reported, never thrown into the call.
import type { CompiledFlow } from '../flow/compiled';
import type { CallEvent, CallState } from '../flow/call/types';
import { observeCall, type StepTiming } from './observe';
import type { AnalyticsRecorder, CallScope } from './service';

export interface CallTracker {
  /** After every step(): the state it was applied to, the event, and the new state. */
  step(before: CallState, event: CallEvent, after: CallState, timing?: StepTiming): void;
  /** Settles when the summary (if the call ended) has been recorded. */
  readonly done: Promise<void>;
}

export function trackCall(
  flow: CompiledFlow,
  first: CallState,
  scope: CallScope,
  recorder: AnalyticsRecorder,
  onError: (err: unknown) => void = () => undefined,
): CallTracker {
  const observer = observeCall(flow, first);
  let settle!: () => void;
  const done = new Promise<void>((r) => (settle = r));
  let recorded = false;
  const maybeRecord = (state: CallState) => {
    if (recorded || !state.terminal) return;
    recorded = true;
    const summary = observer.summary();
    if (!summary) return settle();
    recorder.recordCall(scope, summary).catch(onError).finally(settle);
  };
  maybeRecord(first);
  return {
    step(before, event, after, timing) {
      observer.step(before, event, after, timing);
      maybeRecord(after);
    },
    done,
  };
}
