import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompiledFlow } from '../flow/compiled';
import { runScenario, type Scenario } from '../flow/conversation/index';
import { loadFlow } from '../flow/index';
import { observeCall, summarizeRun } from './observe';
import { countersOf } from './summary';

const FLOWS = path.resolve(import.meta.dirname, '../../../flows');
function compiled(name: string): CompiledFlow {
  const r = loadFlow(JSON.parse(readFileSync(path.join(FLOWS, `${name}.flow.json`), 'utf8')));
  if (!r.ok) throw new Error('example flow does not load');
  return r.compiled;
}
const praxis = compiled('arztpraxis');
const run = (turns: Scenario['turns'], at = '2026-03-02T09:00:00+01:00') =>
  summarizeRun(praxis, runScenario(praxis, { name: 't', call: { at }, turns, expect: {} }));

describe('call observer', () => {
  it('counts questions answered per fact and not answered, per node — never their words', () => {
    const s = run([
      { say: 'Wo kann ich parken?' },
      { say: 'ja' },
      { say: 'Wann haben Sie am Mittwoch geöffnet?' },
      { say: 'Gibt es Parkplätze?' },
      { say: 'Was kostet eine Reiseimpfung?' },
      { hangup: true },
    ]);
    expect(s!.nodes.begruessung).toMatchObject({ answered: { parken: 1 }, unanswered: 0 });
    expect(s!.nodes.personalien).toMatchObject({ answered: { parken: 1, 'hours.weekly': 1 }, unanswered: 1 });
    expect(JSON.stringify(s)).not.toContain('Reiseimpfung');
  });

  it('counts entered nodes, exits, reprompts, silences and where the caller hung up', () => {
    const s = run([
      { say: 'ja' },
      { say: 'äh' },
      { silence: true },
      { say: 'Anna Schmidt' },
      { hangup: true },
    ]);
    expect(s).not.toBeNull();
    expect(s!.outcome).toBe('hung-up');
    expect(s!.day).toBe('2026-03-02');
    expect(s!.durationMs).toBe(25_000);
    expect(s!.nodes.begruessung).toMatchObject({ entered: 1, left: { yes: 1 } });
    expect(s!.nodes.sprechzeiten).toMatchObject({ entered: 1, left: { open: 1 } });
    expect(s!.nodes.personalien).toMatchObject({
      entered: 1,
      reprompts: 1,
      silences: 1,
      hungUp: 1,
      left: { 'hung-up': 1 },
    });
  });

  it('tells a human request and a consent refusal apart although both lead to a handoff', () => {
    const human = run([
      { say: 'ja' },
      { say: 'Ich möchte mit einem Mitarbeiter sprechen' },
      { handoff: 'no-answer' },
      { hangup: true },
    ]);
    expect(human!.nodes.personalien).toMatchObject({ humanRequested: 1, left: { human: 1 } });
    expect(human!.nodes.weiterleitung).toMatchObject({ entered: 1, left: { 'no-answer': 1 } });
    const refused = run(
      [{ say: 'Nein, das möchte ich nicht.' }, { handoff: 'answered' }],
      '2026-03-02T10:30:00+01:00',
    );
    expect(refused!.outcome).toBe('handed-off');
    expect(refused!.nodes.begruessung!.left).toEqual({ no: 1 });
    expect(refused!.nodes.weiterleitung_ohne_einwilligung!.left).toEqual({ 'handed-off': 1 });
  });

  it('counts a trigger where it fired and the jump it caused', () => {
    const s = run([{ say: 'ja' }, { say: 'Es ist ein Notfall' }, { handoff: 'answered' }]);
    expect(s!.nodes.personalien).toMatchObject({ triggers: { notfall: 1 }, left: { 'trigger:notfall': 1 } });
    expect(s!.nodes.notfall_hinweis).toMatchObject({ entered: 1, left: { next: 1 } });
  });

  it('has no summary while the call runs, and keeps only ids, counts and a day', () => {
    expect(run([{ say: 'ja' }])).toBeNull();
    const s = run([{ say: 'ja' }, { say: 'Kanarienvogel Zebulon Quast' }, { hangup: true }]);
    const json = JSON.stringify(s);
    expect(json).not.toMatch(/Kanarienvogel|Zebulon|Quast|test-1|T09/);
    expect(countersOf(s!).every((c) => praxis.nodes[c.node] !== undefined)).toBe(true);
  });

  it('records engine-added latency only when the runtime reports it', () => {
    const r = runScenario(praxis, {
      name: 't',
      call: { at: '2026-03-02T09:00:00+01:00' },
      turns: [{ say: 'ja' }, { hangup: true }],
      expect: {},
    });
    const o = observeCall(praxis, r.steps[0]!.before);
    o.step(r.steps[0]!.before, r.steps[0]!.event, r.steps[1]!.before, { engineLatencyMs: 3 });
    o.step(r.steps[1]!.before, r.steps[1]!.event, r.state, { engineLatencyMs: 40 });
    const latency = o.summary()!.latency!;
    expect(latency.reduce((a, b) => a + b, 0)).toBe(2);
    expect(latency[2]).toBe(1); // ≤ 5 ms
    expect(latency[5]).toBe(1); // ≤ 50 ms
  });

  it('counts a voice-provider fault as a fallback where it happened', async () => {
    const { start, step } = await import('../flow/interpreter/index');
    const t = Date.parse('2026-03-02T09:00:00+01:00');
    const first = start(praxis, { txId: 'tx', startedAt: t, channel: 'test' }).state;
    const o = observeCall(praxis, first);
    let state = first;
    for (const event of [
      { type: 'utterance', at: t + 5000, text: 'ja', final: true },
      { type: 'provider.fault', at: t + 6000, stage: 'tts' },
      { type: 'handoff.result', at: t + 9000, outcome: 'answered' },
    ] as const) {
      const after = step(praxis, state, event).state;
      o.step(state, event, after);
      state = after;
    }
    const s = o.summary()!;
    expect(s.outcome).toBe('handed-off');
    expect(s.nodes.personalien).toMatchObject({ fallbacks: 1 });
  });
});
