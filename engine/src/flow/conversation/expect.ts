// Checks a finished (or still running) scenario against its `expect` block. Each mismatch
// becomes one line that says what was expected and what actually happened.
import type { CallAction, CallState } from '../call/types';
import type { CallRecord } from '../record/schema';
import { firstMissingInOrder, matches } from './match';
import type { HeardLine } from './runner';
import type { ScenarioExpect } from './schema';

export interface Observed {
  lines: HeardLine[];
  state: CallState;
  actions: CallAction[];
  record?: CallRecord;
}

const show = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));

function checkFields(expected: NonNullable<ScenarioExpect['fields']>, state: CallState): string[] {
  const failures: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const got = state.record.fields[key];
    if (want === null) {
      if (got) failures.push(`field "${key}": expected none, got ${show(got.value)}`);
      continue;
    }
    if (!got) {
      failures.push(`field "${key}": expected ${show(want)}, but it was not collected`);
      continue;
    }
    const spec = typeof want === 'object' ? want : { value: want };
    if (spec.value !== undefined && got.value !== spec.value)
      failures.push(`field "${key}": expected ${show(spec.value)}, got ${show(got.value)}`);
    if (spec.source !== undefined && got.source !== spec.source)
      failures.push(`field "${key}": expected source ${spec.source}, got ${got.source}`);
    if (spec.confirmed !== undefined && got.confirmed !== spec.confirmed)
      failures.push(`field "${key}": expected confirmed=${spec.confirmed}, got ${got.confirmed}`);
  }
  return failures;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

function checkCall(e: ScenarioExpect, o: Observed): string[] {
  const failures: string[] = [];
  const heard = o.lines.filter((l) => l.who === 'bot').map((l) => l.text);
  const missing = e.heard ? firstMissingInOrder(e.heard, heard) : null;
  if (missing !== null) failures.push(`expected to hear "${missing}" (in order), but did not`);
  for (const p of e.notHeard ?? []) {
    const hit = heard.find((h) => matches(p, h));
    if (hit) failures.push(`expected never to hear "${p}", but heard "${hit}"`);
  }
  const path = o.state.path;
  if (e.path && (e.path.length !== path.length || e.path.some((id, i) => path[i] !== id))) {
    failures.push(`expected path ${e.path.join(' → ')}`);
  }
  for (const id of e.visits ?? [])
    if (!path.includes(id)) failures.push(`expected to pass node "${id}", but did not`);
  for (const id of e.avoids ?? [])
    if (path.includes(id)) failures.push(`expected never to enter node "${id}", but did`);
  if (e.transfer !== undefined) {
    const targets = o.actions.flatMap((a) => (a.type === 'transfer' ? [a.target] : []));
    if (!targets.includes(e.transfer))
      failures.push(`expected a transfer to "${e.transfer}", transfers: ${show(targets)}`);
  }
  const outcome = o.state.outcome ?? 'in-progress';
  if (e.outcome !== undefined && outcome !== e.outcome)
    failures.push(`expected outcome ${e.outcome}, got ${outcome}`);
  return failures;
}

function checkRecord(e: ScenarioExpect, state: CallState): string[] {
  const failures: string[] = [];
  const r = state.record;
  if (e.consent !== undefined && r.consent !== e.consent)
    failures.push(`expected consent ${e.consent}, got ${r.consent}`);
  if (e.fields) failures.push(...checkFields(e.fields, state));
  if (e.missingFields && !sameSet(e.missingFields, r.missingFields))
    failures.push(`expected missing fields ${show(e.missingFields)}, got ${show(r.missingFields)}`);
  if (e.concern !== undefined && !(r.concern !== undefined && matches(e.concern, r.concern)))
    failures.push(`expected concern "${e.concern}", got ${show(r.concern)}`);
  if (e.questions) {
    const got = r.questions ?? [];
    if (got.length !== e.questions.length || e.questions.some((p, i) => !matches(p, got[i])))
      failures.push(`expected open questions ${show(e.questions)}, got ${show(got)}`);
  }
  if (e.flags && !sameSet(e.flags, r.flags))
    failures.push(`expected flags ${show(e.flags)}, got ${show(r.flags)}`);
  if (e.priority !== undefined && r.priority !== e.priority)
    failures.push(`expected priority ${e.priority}, got ${r.priority}`);
  if (e.handoff !== undefined && r.handoff?.outcome !== e.handoff)
    failures.push(`expected handoff ${e.handoff}, got ${show(r.handoff?.outcome)}`);
  if (e.callback) {
    const cb = r.callback;
    if (!cb) failures.push('expected a callback request, none was recorded');
    else {
      if (e.callback.number !== undefined && cb.number !== e.callback.number)
        failures.push(`expected callback number ${e.callback.number}, got ${show(cb.number)}`);
      if (e.callback.priority !== undefined && cb.priority !== e.callback.priority)
        failures.push(`expected callback priority ${e.callback.priority}, got ${cb.priority}`);
      if (
        e.callback.preferredTime !== undefined &&
        !(cb.preferredTime && matches(e.callback.preferredTime, cb.preferredTime))
      ) {
        failures.push(
          `expected preferred callback time "${e.callback.preferredTime}", got ${show(cb.preferredTime ?? cb.preferredTimeText)}`,
        );
      }
    }
  }
  return failures;
}

export function checkExpectations(e: ScenarioExpect, o: Observed): string[] {
  return [...checkCall(e, o), ...checkRecord(e, o.state)];
}
