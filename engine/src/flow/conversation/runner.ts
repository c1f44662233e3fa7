// Runs conversation-test scenarios against the interpreter through the text driver
// (drive/text-call.ts): pure (no files, no clock), so the CLI, vitest, /simulate and the designer
// can all use it. The clock starts at `call.at` and advances by each turn's `after` seconds
// (default 5). A model request (`extract`, `answer`) waits for the next turn when that turn is a
// scripted result for it; otherwise it gets the deterministic policy (no model), like everywhere else.
import type { CompiledFlow } from '../compiled';
import type { CallAction, CallEvent, CallState } from '../call/types';
import {
  beginTextCall,
  sendTurn,
  transcriptLine,
  withoutModel,
  type HeardLine,
  type ModelRequest,
} from '../drive/index';
import type { CallRecord } from '../record/schema';
import { checkExpectations } from './expect';
import { firstMissingInOrder } from './match';
import type { Scenario, Turn } from './schema';

export type { HeardLine } from '../drive/index';

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

/** `index` numbers the transaction ids of test runs (test-1, test-2 …) unless `options.txId` is given. */
export function runScenario(
  flow: CompiledFlow,
  scenario: Scenario,
  index = 0,
  options: { txId?: string } = {},
): ScenarioResult {
  const startAt = Date.parse(scenario.call.at);
  let at = Number.isNaN(startAt) ? 0 : startAt;
  let call = beginTextCall(flow, {
    txId: options.txId ?? `test-${index + 1}`,
    startedAt: at,
    channel: 'test',
    ...(scenario.call.callerNumber ? { callerNumber: scenario.call.callerNumber } : {}),
  });
  const turnFailures: string[] = Number.isNaN(startAt)
    ? [`call.at is not an ISO date with offset: "${scenario.call.at}"`]
    : [];
  scenario.turns.forEach((turn, i) => {
    at += (turn.after ?? DEFAULT_AFTER_SECONDS) * 1000;
    const next = scenario.turns[i + 1];
    // A scripted model result next: the request it answers waits for it.
    const scripted = (a: ModelRequest) =>
      next !== undefined && (a.type === 'extract' ? 'extract' in next : 'answer' in next);
    call = sendTurn(call, turn, at, {
      answerModel: (a, when) => (scripted(a) ? undefined : withoutModel(a, when)),
    });
    turnFailures.push(...checkTurn(turn, i, call.lines, call.state));
  });
  const lines = [...call.lines];
  const actions = [...call.actions];
  const failures = [
    ...turnFailures,
    ...checkExpectations(scenario.expect, { lines, state: call.state, actions, record: call.record }),
  ];
  return {
    name: scenario.name,
    ok: failures.length === 0,
    failures,
    lines,
    path: call.state.path,
    state: call.state,
    actions,
    steps: [...call.steps],
    record: call.record,
  };
}

function checkTurn(turn: Turn, i: number, lines: readonly HeardLine[], state: CallState): string[] {
  const failures: string[] = [];
  const e = turn.expect;
  if (!e) return failures;
  const heard = lines.filter((l) => l.who === 'bot' && l.turn === i).map((l) => l.text);
  const missing = e.heard ? firstMissingInOrder(e.heard, heard) : null;
  if (missing !== null) {
    failures.push(
      `turn ${i + 1} (${transcriptLine(turn)}): expected to hear "${missing}", heard: ${heard.length ? heard.map((h) => `"${h}"`).join(' | ') : '(nothing)'}`,
    );
  }
  if (e.node !== undefined && state.node !== e.node) {
    failures.push(
      `turn ${i + 1} (${transcriptLine(turn)}): expected to be in node "${e.node}", is in "${state.node}"`,
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
