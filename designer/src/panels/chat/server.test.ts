import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompiledFlow } from '../../../../engine/src/flow/compiled';
import { loadFlow } from '../../../../engine/src/flow/index';
import { runScenario as run } from '../../../../engine/src/flow/conversation/index';
import type { CallerTurn, SimulateResult } from '../../api';
import { turnOfEvent as toTurn } from '../../../../engine/src/flow/drive/index';
import { sessionFrom, type ServerCall } from './server';

function compiled(name: string): CompiledFlow {
  const r = loadFlow(JSON.parse(readFileSync(join(__dirname, '../../../../flows', name), 'utf8')));
  if (!r.ok) throw new Error('flow does not load');
  return r.compiled;
}
const AT = '2026-11-25T10:00:00+01:00';
const flow = compiled('arztpraxis.flow.json');

/** What the server's /simulate answers for these turns (same runner, no HTTP). */
function simulate(turns: CallerTurn[]): SimulateResult {
  const r = run(flow, { name: 'x', call: { at: AT }, turns: turns as never, expect: {} });
  return {
    heard: r.lines,
    path: r.path,
    outcome: r.record?.outcome ?? 'in-progress',
    record: r.record ?? null,
    live: null,
  };
}
const call = (turns: CallerTurn[]): ServerCall => ({ flowId: 'f', version: 1, at: AT, turns, live: false });

describe('test call on the server (replayed turns)', () => {
  it('turns what the tester does into caller turns the server replays', () => {
    expect(toTurn({ type: 'utterance', at: 0, text: 'Ja', final: true })).toEqual({ say: 'Ja' });
    expect(toTurn({ type: 'dtmf', at: 0, digit: '0' })).toEqual({ dtmf: '0' });
    expect(toTurn({ type: 'silence', at: 0 })).toEqual({ silence: true });
    expect(toTurn({ type: 'hangup', at: 0 })).toEqual({ hangup: true });
    expect(toTurn({ type: 'handoff.result', at: 0, outcome: 'no-answer' })).toEqual({ handoff: 'no-answer' });
  });

  it('shows the greeting first, and the step the call is in for the canvas', () => {
    const s = sessionFrom(flow, call([]), simulate([]));
    expect(s.lines[0]).toMatchObject({ who: 'bot' });
    expect(s.lines[0].text).toMatch(/KI-Assistent/);
    expect(s.node).toBe('begruessung');
    expect(s.ended).toBe(false);
  });

  it('knows a transfer is ringing (handoff step, no note yet), and shows the note after "no answer"', () => {
    const turns: CallerTurn[] = [
      { say: 'Ja' },
      { say: 'Peter Meier' },
      { say: 'Ich habe Schmerzen in der Brust' },
    ];
    const ringing = sessionFrom(flow, call(turns), simulate(turns));
    expect(ringing.transfer).toBe('empfang');
    expect(ringing.ended).toBe(false);
    // Nobody answered: the urgent callback secures a number (asked and read back), then the note.
    const all: CallerTurn[] = [...turns, { handoff: 'no-answer' }, { say: '0171 1234567' }, { say: 'ja' }];
    const done = sessionFrom(flow, call(all), simulate(all));
    expect(done.transfer).toBeNull();
    expect(done.ended).toBe(true);
    expect(done.record).toMatchObject({
      priority: 'urgent',
      flags: ['emergency'],
      callback: { number: '+491711234567' },
    });
    expect(done.server.turns).toHaveLength(6);
  });
});
