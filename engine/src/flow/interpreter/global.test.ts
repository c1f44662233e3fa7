// Behaviour that holds in every node: human escape, triggers, silence, call length, hangup,
// purity (input state untouched, JSON-safe) and robustness (errors end the call politely).
import { describe, expect, it } from 'vitest';
import { step, start, MAX_TURNS } from './step';
import { baseFlow, compiled, delivered, drive, flowWith, MONDAY_9 } from './testing';
import type { CallState } from '../call/types';

const flow = compiled(baseFlow());

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

describe('human escape', () => {
  it.each([
    ['in the consent question', [] as string[]],
    ['in the middle of the intake', ['ja']],
  ])('words and the key both reach the handoff %s', (_where, before) => {
    expect(drive(flow, [...before, 'Ich möchte mit einem Menschen sprechen']).state.node).toBe('mensch');
    expect(drive(flow, [...before, 'Kann ich bitte mit einer echten Person reden?']).state.node).toBe(
      'mensch',
    );
    expect(drive(flow, [...before, { dtmf: '0' }]).state.node).toBe('mensch');
  });

  it('works in English flows with English words', () => {
    const en = flowWith({}, (f) => {
      f.language = 'en-GB';
    });
    expect(drive(en, ['yes', 'Can I speak to a human please?']).state.node).toBe('mensch');
  });

  it('after a failed transfer, says nobody is available and asks the question again', () => {
    const f = flowWith({
      mensch: { kind: 'handoff', target: 'empfang', announce: 'Ich verbinde.', next: { fallback: 'fragen' } },
    });
    const d = drive(f, ['ja', { dtmf: '0' }, { handoff: 'busy' }, 'Mensch bitte!']);
    expect(d.lastSaid).toEqual([
      'Leider ist gerade niemand erreichbar. Ich nehme Ihr Anliegen gern weiter auf.',
      'Wie heißen Sie?',
    ]);
    expect(d.actions.filter((a) => a.type === 'transfer')).toHaveLength(1);
  });
});

describe('human escape before consent', () => {
  // The escape target's fallback may ask for a callback number; before consent nothing may be
  // collected, so the escape takes the consent step's refusal exit instead (the linter proves
  // that exit reaches a human without collecting anything).
  const f = flowWith({
    hallo: {
      kind: 'consent',
      disclosure: 'Sie sprechen mit einem KI-Assistenten.',
      question: 'Einverstanden?',
      next: { yes: 'fragen', no: 'ohne', unclear: 'ohne' },
    },
    ohne: {
      kind: 'handoff',
      target: 'empfang',
      announce: 'Ich verbinde ohne Angaben.',
      next: { fallback: 'tschuess' },
    },
    mensch: { kind: 'handoff', target: 'empfang', announce: 'Ich verbinde.', next: { fallback: 'fragen' } },
  });

  it.each([
    ['words', 'Ich will mit einem Menschen sprechen'],
    ['the key', { dtmf: '0' }],
  ] as const)('by %s takes the refusal exit, and a failed transfer collects nothing', (_how, input) => {
    const d = drive(f, [input, { handoff: 'no-answer' }]);
    expect(d.state.path).toEqual(['hallo', 'ohne', 'tschuess']);
    expect(d.state.record.fields).toEqual({});
  });

  it('silence escalation before consent also takes the refusal exit', () => {
    const d = drive(f, [{ silence: true }, { silence: true }, { silence: true }]);
    expect(d.state.node).toBe('ohne');
    expect(d.state.path).not.toContain('mensch');
  });

  it('after consent the escape goes to the escape target as usual', () => {
    expect(drive(f, ['ja', { dtmf: '0' }]).state.node).toBe('mensch');
  });
});

describe('keyword triggers', () => {
  it('set the flag and priority once, and the answer still counts for the question', () => {
    const d = drive(flow, ['ja', 'Notfall, Notfall']);
    expect(d.state.record.flags).toEqual(['emergency']);
    expect(d.state.record.priority).toBe('urgent');
    expect(d.state.fired).toEqual(['notfall']);
  });

  it('jump once per trigger when they have a goto', () => {
    const f = flowWith(
      {
        fragen: {
          kind: 'intake',
          fields: [
            { key: 'a', label: 'A', type: 'text', prompt: 'Frage A?' },
            { key: 'b', label: 'B', type: 'text', prompt: 'Frage B?' },
          ],
          next: 'tschuess',
        },
        hinweis: { kind: 'say', text: 'Rufen Sie die 112.', next: 'fragen' },
      },
      (fl) => {
        fl.triggers[0].goto = 'hinweis';
      },
    );
    const d = drive(f, ['ja', 'Notfall!', 'Es ist ein Notfall']);
    expect(d.state.path).toEqual(['hallo', 'fragen', 'hinweis', 'fragen']);
    expect(d.state.record.fields.a.value).toBe('Es ist ein Notfall');
  });
});

describe('silence', () => {
  it('asks again up to maxSilences, then hands off to a person', () => {
    const one = drive(flow, ['ja', { silence: true }]);
    expect(one.lastSaid).toEqual(['Sind Sie noch da?', 'Wie heißen Sie?']);
    const three = drive(flow, ['ja', { silence: true }, { silence: true }, { silence: true }]);
    expect(three.state.node).toBe('mensch');
  });

  it('ends politely when a transfer was already tried', () => {
    const f = flowWith({
      mensch: { kind: 'handoff', target: 'empfang', announce: 'Ich verbinde.', next: { fallback: 'fragen' } },
    });
    const d = drive(f, [
      'ja',
      { dtmf: '0' },
      { handoff: 'no-answer' },
      { silence: true },
      { silence: true },
      { silence: true },
    ]);
    expect(d.lastSaid).toEqual([
      'Ich höre Sie leider nicht. Bitte rufen Sie noch einmal an. Auf Wiederhören.',
    ]);
    expect(delivered(d)).toMatchObject({ record: { outcome: 'completed' } });
    expect(d.last.at(-1)).toEqual({ type: 'hangup' });
  });

  it('an answer resets the count', () => {
    const f = flowWith({
      fragen: {
        kind: 'intake',
        fields: [
          { key: 'a', label: 'A', type: 'text', prompt: 'Frage A?' },
          { key: 'b', label: 'B', type: 'text', prompt: 'Frage B?' },
        ],
        next: 'tschuess',
      },
    });
    const d = drive(f, [
      'ja',
      { silence: true },
      { silence: true },
      'Antwort A',
      { silence: true },
      { silence: true },
    ]);
    expect(d.state.node).toBe('fragen');
  });
});

describe('call limits and endings', () => {
  it('starts the call-length timer and ends politely when it fires or time has run out', () => {
    const s = start(flow, { txId: 't', startedAt: MONDAY_9, channel: 'phone' });
    expect(s.actions[0]).toEqual({ type: 'timer.start', id: 'max-call-length', ms: 300_000 });
    const byTimer = step(flow, s.state, { type: 'timer', at: MONDAY_9 + 300_000, id: 'max-call-length' });
    expect(byTimer.state.terminal).toBe(true);
    const late = step(flow, s.state, { type: 'utterance', at: MONDAY_9 + 301_000, text: 'ja' });
    expect(late.actions.map((a) => a.type)).toEqual(['say', 'timer.cancel', 'deliver', 'hangup']);
    expect(late.state.record.consent).toBe('not-asked');
  });

  it('ends after MAX_TURNS events even with a frozen clock', () => {
    let state = start(flow, { txId: 't', startedAt: MONDAY_9, channel: 'test' }).state;
    for (let i = 0; i <= MAX_TURNS && !state.terminal; i++)
      state = step(flow, state, { type: 'dtmf', at: MONDAY_9, digit: '5' }).state;
    expect(state.terminal).toBe(true);
  });

  it('a hangup delivers the record without hanging up again', () => {
    const d = drive(flow, ['ja', { hangup: true }]);
    expect(d.last.map((a) => a.type)).toEqual(['timer.cancel', 'deliver']);
    expect(delivered(d)).toMatchObject({ record: { outcome: 'hung-up', consent: 'given' } });
  });

  it('an unknown node ends the call as failed instead of throwing', () => {
    const f = flowWith({ fragen: { kind: 'say', text: 'Hallo.', next: 'gibt-es-nicht' } });
    const d = drive(f, ['ja']);
    expect(delivered(d)).toMatchObject({ record: { outcome: 'failed' } });
    expect(d.state.terminal).toBe(true);
  });

  it('a cycle of nodes that never wait for the caller ends as failed', () => {
    const f = flowWith({
      fragen: { kind: 'say', text: 'A', next: 'b' },
      b: { kind: 'say', text: 'B', next: 'fragen' },
    });
    expect(delivered(drive(f, ['ja']))).toMatchObject({ record: { outcome: 'failed' } });
  });
});

describe('robustness', () => {
  it('survives a broken clock at the edge and malformed events', () => {
    const s = start(flow, { txId: 't', startedAt: Number.NaN, channel: 'test' });
    expect(s.state.startedAt).toBe(0);
    for (const bad of [
      null,
      {},
      { type: 'utterance', at: 'x', text: 42 },
      { type: 'dtmf', at: 1 },
      { type: 'nonsense', at: 1 },
    ]) {
      expect(() => step(flow, s.state, bad as never)).not.toThrow();
    }
  });
});

describe('purity', () => {
  it('never mutates the input state and returns plain JSON', () => {
    const s0 = deepFreeze(start(flow, { txId: 't', startedAt: MONDAY_9, channel: 'test' }).state);
    const snapshot = JSON.stringify(s0);
    const r = step(flow, s0, { type: 'utterance', at: MONDAY_9 + 1000, text: 'ja' });
    expect(JSON.stringify(s0)).toBe(snapshot);
    expect(r.state).not.toBe(s0);
    expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
  });

  it('is deterministic: the same events give the same state and actions', () => {
    const inputs = ['ja', 'Anna Schmidt'];
    expect(drive(flow, inputs)).toEqual(drive(flow, inputs));
  });

  it('ignores interim speech results', () => {
    const s0 = start(flow, { txId: 't', startedAt: MONDAY_9, channel: 'test' }).state;
    const r = step(flow, s0, { type: 'utterance', at: MONDAY_9 + 1000, text: 'nein', final: false });
    expect(r.actions).toEqual([]);
    expect(r.state.record.consent).toBe('not-asked');
  });
});

describe('what the record contains', () => {
  const withSettings = (transcript: boolean, callerNumber: boolean) =>
    flowWith({}, (f) => {
      f.settings.record = { transcript, callerNumber };
    });
  const recordOf = (transcript: boolean, callerNumber: boolean) =>
    delivered(
      drive(withSettings(transcript, callerNumber), ['ja', 'Anna Schmidt'], { callerNumber: '+4930123456' }),
    );

  it('has the transcript and the caller number only when the flow settings ask for them', () => {
    const without = recordOf(false, false);
    expect(without?.type === 'deliver' && without.record).not.toHaveProperty('transcript');
    expect(without?.type === 'deliver' && without.record).not.toHaveProperty('callerNumber');
    const withBoth = recordOf(true, true);
    expect(withBoth?.type === 'deliver' && withBoth.record.callerNumber).toBe('+4930123456');
    expect(
      withBoth?.type === 'deliver' && withBoth.record.transcript?.map((t) => `${t.speaker}: ${t.text}`),
    ).toEqual([
      'bot: Sie sprechen mit einem KI-Assistenten.',
      'bot: Einverstanden?',
      'caller: ja',
      'bot: Wie heißen Sie?',
      'caller: Anna Schmidt',
      'bot: Auf Wiederhören.',
    ]);
  });

  it('leaves out the caller number and transcript when the caller refused consent', () => {
    const d = delivered(
      drive(withSettings(true, true), ['nein', { handoff: 'answered' }], { callerNumber: '+4930123456' }),
    );
    expect(d?.type === 'deliver' && d.record).toMatchObject({ consent: 'refused', outcome: 'handed-off' });
    expect(d?.type === 'deliver' && d.record).not.toHaveProperty('callerNumber');
    expect(d?.type === 'deliver' && d.record).not.toHaveProperty('transcript');
  });

  it('keeps the transcript out of the state when it is not recorded', () => {
    const s: CallState = drive(withSettings(false, false), ['ja']).state;
    expect(s.record).not.toHaveProperty('transcript');
  });
});
