// Runs conversation-test scenarios against the interpreter: pure (no files, no clock), so the
// CLI, vitest and the designer can all use it. The clock starts at `call.at` and advances by each
// turn's `after` seconds (default 5). Pending `extract` and `answer` actions without a scripted
// result are answered with an error, i.e. the deterministic fallback is what a test sees by default.
import type { CompiledFlow } from '../compiled';
import { start, step } from '../interpreter/step';
import type { CallAction, CallEvent, CallState } from '../interpreter/types';
import type { CallRecord } from '../record/schema';
import { checkExpectations } from './expect';
import { firstMissingInOrder } from './match';
import type { Scenario, Turn } from './schema';

export interface HeardLine {
  who: 'bot' | 'caller';
  text: string;
  /** Index of the caller turn this belongs to (-1: the greeting before any turn). */
  turn: number;
}

export interface ScenarioResult {
  name: string;
  ok: boolean;
  failures: string[];
  lines: HeardLine[];
  path: string[];
  state: CallState;
  actions: CallAction[];
  /** Every event fed to step(), in order, with the state it was applied to (for benchmarks). */
  steps: { before: CallState; event: CallEvent }[];
  /** The delivered record, when the call ended. */
  record?: CallRecord;
}

const DEFAULT_AFTER_SECONDS = 5;

function callerLine(turn: Turn): string {
  if ('say' in turn) return turn.say;
  if ('dtmf' in turn) return `[Taste ${turn.dtmf}]`;
  if ('silence' in turn) return '[Stille]';
  if ('hangup' in turn) return '[legt auf]';
  if ('extract' in turn)
    return `[LLM: ${turn.extract.error ? `Fehler ${turn.extract.error}` : JSON.stringify(turn.extract.values ?? {})}]`;
  if ('answer' in turn)
    return `[LLM-Antwort: ${turn.answer.error ? `Fehler ${turn.answer.error}` : JSON.stringify(turn.answer)}]`;
  return `[Weiterleitung: ${turn.handoff}]`;
}

interface Pending {
  extract?: string;
  answer?: string;
}

function eventsOf(turn: Turn, at: number, pending: Pending): CallEvent[] {
  if ('say' in turn) return [{ type: 'utterance', at, text: turn.say, final: true }];
  if ('dtmf' in turn) return [...turn.dtmf].map((digit) => ({ type: 'dtmf', at, digit }));
  if ('silence' in turn) return [{ type: 'silence', at }];
  if ('hangup' in turn) return [{ type: 'hangup', at }];
  if ('extract' in turn) {
    return [
      {
        type: 'extracted',
        at,
        requestId: pending.extract ?? 'none',
        values: turn.extract.values ?? undefined,
        error: turn.extract.error,
      },
    ];
  }
  if ('answer' in turn)
    return [{ type: 'answered', at, requestId: pending.answer ?? 'none', ...turn.answer }];
  return [{ type: 'handoff.result', at, outcome: turn.handoff }];
}

/** `index` numbers the transaction ids of test runs (test-1, test-2 …) unless `options.txId` is given. */
export function runScenario(
  flow: CompiledFlow,
  scenario: Scenario,
  index = 0,
  options: { txId?: string } = {},
): ScenarioResult {
  const lines: HeardLine[] = [];
  const all: CallAction[] = [];
  const pending: Pending = {};
  let turnIndex = -1;
  const collect = (actions: CallAction[]) => {
    for (const a of actions) {
      all.push(a);
      if (a.type === 'say') lines.push({ who: 'bot', text: a.text, turn: turnIndex });
      if (a.type === 'extract') pending.extract = a.requestId;
      if (a.type === 'answer') pending.answer = a.requestId;
    }
  };
  const startAt = Date.parse(scenario.call.at);
  let at = Number.isNaN(startAt) ? 0 : startAt;
  const first = start(flow, {
    txId: options.txId ?? `test-${index + 1}`,
    startedAt: at,
    channel: 'test',
    ...(scenario.call.callerNumber ? { callerNumber: scenario.call.callerNumber } : {}),
  });
  let state = first.state;
  collect(first.actions);
  const turnFailures: string[] = Number.isNaN(startAt)
    ? [`call.at is not an ISO date with offset: "${scenario.call.at}"`]
    : [];
  const steps: ScenarioResult['steps'] = [];
  const feed = (event: CallEvent) => {
    steps.push({ before: state, event });
    const r = step(flow, state, event);
    state = r.state;
    collect(r.actions);
    return r;
  };
  scenario.turns.forEach((turn, i) => {
    turnIndex = i;
    at += (turn.after ?? DEFAULT_AFTER_SECONDS) * 1000;
    lines.push({ who: 'caller', text: callerLine(turn), turn: i });
    const next = scenario.turns[i + 1];
    for (const event of eventsOf(turn, at, pending)) {
      let r = feed(event);
      // No scripted model result next: answer like a failing LLM would.
      for (;;) {
        if (r.actions.some((a) => a.type === 'extract') && !(next && 'extract' in next))
          r = feed({
            type: 'extracted',
            at,
            requestId: pending.extract ?? 'none',
            error: 'no scripted result',
          });
        else if (r.actions.some((a) => a.type === 'answer') && !(next && 'answer' in next))
          r = feed({
            type: 'answered',
            at,
            requestId: pending.answer ?? 'none',
            error: 'no scripted result',
          });
        else break;
      }
    }
    turnFailures.push(...checkTurn(turn, i, lines, state));
  });
  const deliver = all.find((a): a is Extract<CallAction, { type: 'deliver' }> => a.type === 'deliver');
  const failures = [
    ...turnFailures,
    ...checkExpectations(scenario.expect, { lines, state, actions: all, record: deliver?.record }),
  ];
  return {
    name: scenario.name,
    ok: failures.length === 0,
    failures,
    lines,
    path: state.path,
    state,
    actions: all,
    steps,
    record: deliver?.record,
  };
}

function checkTurn(turn: Turn, i: number, lines: HeardLine[], state: CallState): string[] {
  const failures: string[] = [];
  const e = turn.expect;
  if (!e) return failures;
  const heard = lines.filter((l) => l.who === 'bot' && l.turn === i).map((l) => l.text);
  const missing = e.heard ? firstMissingInOrder(e.heard, heard) : null;
  if (missing !== null) {
    failures.push(
      `turn ${i + 1} (${callerLine(turn)}): expected to hear "${missing}", heard: ${heard.length ? heard.map((h) => `"${h}"`).join(' | ') : '(nothing)'}`,
    );
  }
  if (e.node !== undefined && state.node !== e.node) {
    failures.push(
      `turn ${i + 1} (${callerLine(turn)}): expected to be in node "${e.node}", is in "${state.node}"`,
    );
  }
  return failures;
}

/** A failure report a person can read: what was wrong, the path taken, the whole conversation. */
export function formatResult(result: ScenarioResult): string {
  const out = [`✗ ${result.name}`];
  for (const f of result.failures) out.push(`    ${f}`);
  out.push(`    path: ${result.path.join(' → ')}`);
  out.push('    conversation:');
  for (const l of result.lines) out.push(`      ${l.who === 'bot' ? 'bot   ' : 'caller'}  ${l.text}`);
  return out.join('\n');
}
