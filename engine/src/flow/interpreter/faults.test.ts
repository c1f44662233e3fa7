import { describe, expect, it } from 'vitest';
import { start } from './step';
import { baseFlow, compiled, delivered, drive, flowWith, MONDAY_9, SATURDAY_10 } from './testing';

const flow = compiled(baseFlow());
const english = flowWith({}, (f) => (f.language = 'en-GB'));

describe('provider.fault', () => {
  it('tts during the questions: a cached apology, then straight to the team (no second announcement)', () => {
    const d = drive(flow, ['ja', { fault: 'tts' }]);
    expect(d.lastSaid).toEqual([
      'Entschuldigung, wir haben gerade eine technische Störung. Ich verbinde Sie mit unserem Team.',
    ]);
    const say = d.last.find((a) => a.type === 'say');
    expect(say).toMatchObject({ cacheKey: 'builtin:de:technicalFault', bargeIn: false });
    expect(d.last.find((a) => a.type === 'transfer')).toEqual({
      type: 'transfer',
      target: 'empfang',
      whisper: 'Anruf über den KI-Assistenten.',
      ringSeconds: 20,
    });
    expect(d.state).toMatchObject({ node: 'mensch', phase: 'transfer', fault: 'tts' });
  });

  it('stt after the restart: the caller is told they cannot be understood and is handed over', () => {
    const d = drive(english, ['yes', { fault: 'stt' }]);
    expect(d.lastSaid[0]).toMatch(/can't understand you right now/);
    expect(d.last.some((a) => a.type === 'transfer')).toBe(true);
  });

  it('answered after a fault: handed off, and the record notes the fault without caller content', () => {
    const twoQuestions = flowWith({
      fragen: {
        kind: 'intake',
        fields: [
          { key: 'name', label: 'Name', type: 'name', prompt: 'Wie heißen Sie?' },
          { key: 'anliegen', label: 'Anliegen', type: 'text', prompt: 'Worum geht es?' },
        ],
        next: 'tschuess',
      },
    });
    const d = drive(twoQuestions, ['ja', 'Anna Schmidt', { fault: 'tts' }, { handoff: 'answered' }]);
    const found = delivered(d);
    const record = found?.type === 'deliver' ? found.record : undefined;
    expect(record).toMatchObject({
      outcome: 'handed-off',
      handoff: { outcome: 'answered' },
      flags: ['fault:tts'],
    });
    expect(record?.fields.name?.value).toBe('Anna Schmidt'); // what was collected before the fault stays
  });

  it.each(['no-answer', 'busy', 'failed'] as const)(
    'a %s transfer after a fault ends politely instead of asking more questions',
    (outcome) => {
      const d = drive(flow, ['ja', { fault: 'stt' }, { handoff: outcome }]);
      expect(d.lastSaid).toEqual([
        'Leider ist gerade niemand erreichbar. Bitte rufen Sie später noch einmal an. Auf Wiederhören.',
      ]);
      expect(d.last.at(-1)).toEqual({ type: 'hangup' });
      expect(delivered(d)).toMatchObject({
        record: { outcome: 'completed', handoff: { target: 'empfang', outcome }, flags: ['fault:stt'] },
      });
    },
  );

  it('no reachable human (closed): apology, goodbye, hangup — record delivered', () => {
    const d = drive(flow, ['ja', { fault: 'tts' }], { startedAt: SATURDAY_10 });
    expect(d.lastSaid).toEqual([
      'Entschuldigung, wir haben gerade eine technische Störung. Bitte rufen Sie später noch einmal an. Auf Wiederhören.',
    ]);
    expect(d.last.at(-1)).toEqual({ type: 'hangup' });
    expect(d.last.some((a) => a.type === 'transfer')).toBe(false);
    expect(delivered(d)).toMatchObject({ record: { outcome: 'completed', flags: ['fault:tts'] } });
  });

  it('no reachable human (a transfer already failed): the call ends instead of ringing again', () => {
    const d = drive(flow, ['nein', { handoff: 'busy' }, { fault: 'tts' }]);
    // 'nein' → handoff → busy → fallback 'tschuess' ends the call; a late fault changes nothing.
    expect(d.last).toEqual([]);
    const d2 = drive(
      flowWith({
        mensch: {
          kind: 'handoff',
          target: 'empfang',
          announce: 'Ich verbinde.',
          next: { fallback: 'fragen' },
        },
      }),
      ['nein', { handoff: 'busy' }, { fault: 'stt' }],
    );
    expect(d2.lastSaid[0]).toMatch(/nicht verstehen.*später noch einmal an/);
    expect(d2.last.some((a) => a.type === 'transfer')).toBe(false);
  });

  it('while a transfer rings, a fault only notes itself; a second fault changes nothing', () => {
    const ringing = drive(flow, ['nein', { fault: 'tts' }]);
    expect(ringing.last).toEqual([]);
    expect(ringing.state).toMatchObject({ phase: 'transfer', fault: 'tts' });
    const twice = drive(flow, ['ja', { fault: 'tts' }, { fault: 'stt' }]);
    expect(twice.last).toEqual([]);
    expect(twice.state.record.flags).toEqual(['fault:tts', 'fault:stt']);
  });

  it('is pure: an unknown stage is ignored, and the input state is not changed', () => {
    const s = start(flow, { txId: 't', startedAt: MONDAY_9, channel: 'test' }).state;
    const before = JSON.stringify(s);
    const d = drive(flow, [{ fault: 'xyz' as 'tts' }]);
    expect(d.last).toEqual([]);
    expect(JSON.stringify(s)).toBe(before);
  });
});
