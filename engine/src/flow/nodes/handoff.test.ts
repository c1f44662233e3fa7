import { describe, expect, it } from 'vitest';
import { baseFlow, compiled, delivered, drive, flowWith, SATURDAY_10 } from '../interpreter/testing';

const flow = compiled(baseFlow());

describe('handoff node', () => {
  it('announces and transfers to the allow-list id from the flow, with a whisper', () => {
    const d = drive(flow, ['nein']);
    expect(d.lastSaid).toEqual(['Ich verbinde.']);
    expect(d.last.find((a) => a.type === 'transfer')).toEqual({
      type: 'transfer',
      target: 'empfang',
      whisper: 'Anruf über den KI-Assistenten.',
      ringSeconds: 20,
    });
    expect(d.state.phase).toBe('transfer');
  });

  it('fills the whisper template from collected details', () => {
    const f = flowWith({
      fragen: {
        kind: 'intake',
        fields: [
          { key: 'name', label: 'Name', type: 'name', prompt: 'Wie heißen Sie?' },
          { key: 'anliegen', label: 'Anliegen', type: 'text', prompt: 'Worum geht es?' },
        ],
        next: 'tschuess',
      },
      mensch: {
        kind: 'handoff',
        target: 'empfang',
        announce: 'Moment.',
        whisper: 'Anrufer: {name}.',
        next: { fallback: 'tschuess' },
      },
    });
    const d = drive(f, ['ja', 'Anna Schmidt', 'Ich will mit einem Menschen sprechen']);
    expect(d.last.find((a) => a.type === 'transfer')).toMatchObject({ whisper: 'Anrufer: Anna Schmidt.' });
  });

  it('answered: the call is handed over — record delivered, no hangup by the bot', () => {
    const d = drive(flow, ['nein', { handoff: 'answered' }]);
    expect(d.last.map((a) => a.type)).toEqual(['timer.cancel', 'deliver']);
    expect(delivered(d)).toMatchObject({
      record: { outcome: 'handed-off', handoff: { target: 'empfang', outcome: 'answered' } },
    });
  });

  it.each(['no-answer', 'busy', 'failed'] as const)(
    '%s → fallback edge, outcome in the record',
    (outcome) => {
      const d = drive(flow, ['nein', { handoff: outcome }]);
      expect(d.state.path).toEqual(['hallo', 'mensch', 'tschuess']);
      expect(d.state.record.handoff).toEqual({ target: 'empfang', outcome });
    },
  );

  it('outside business hours goes to the fallback without ringing anyone', () => {
    const d = drive(flow, ['nein'], { startedAt: SATURDAY_10 });
    expect(d.actions.some((a) => a.type === 'transfer')).toBe(false);
    expect(d.state.record.handoff).toEqual({ target: 'empfang', outcome: 'closed' });
    expect(d.state.path).toEqual(['hallo', 'mensch', 'tschuess']);
  });

  it('with respectHours false transfers even when closed', () => {
    const f = flowWith({
      mensch: {
        kind: 'handoff',
        target: 'notdienst',
        announce: 'Moment.',
        respectHours: false,
        next: { fallback: 'tschuess' },
      },
    });
    expect(drive(f, ['nein'], { startedAt: SATURDAY_10 }).last.some((a) => a.type === 'transfer')).toBe(true);
  });

  it('does not process caller speech while the phone rings', () => {
    const d = drive(flow, ['nein', 'Hallo? Notfall! Mensch!']);
    expect(d.last).toEqual([]);
    expect(d.state.phase).toBe('transfer');
  });
});
