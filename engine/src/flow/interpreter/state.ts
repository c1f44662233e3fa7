// Copy-on-step: step() works on a copy of the state. The copy is shallow where the interpreter
// never changes things in place (field values, transcript turns and the pending value are always
// replaced whole, never edited) and fresh everywhere else. Several times faster than
// structuredClone on the hot path; the property test deep-freezes every input state to prove
// nothing shared is ever written to.
import type { CallState, RecordDraft } from '../call/types';

export function cloneState(s: CallState): CallState {
  const r = s.record;
  const record: RecordDraft = {
    ...r,
    fields: { ...r.fields },
    missingFields: [...r.missingFields],
    flags: [...r.flags],
  };
  if (r.callback) record.callback = { ...r.callback };
  if (r.handoff) record.handoff = { ...r.handoff };
  if (r.transcript) record.transcript = [...r.transcript];
  if (r.questions) record.questions = [...r.questions];
  return { ...s, path: [...s.path], fired: [...s.fired], record };
}
