import { describe, expect, it } from 'vitest';
import type { CallbackNode, IntakeField } from '../format/schema';
import { drive, flowWith } from '../interpreter/testing';

const phone: IntakeField = {
  key: 'nummer',
  label: 'Nummer',
  type: 'phone',
  role: 'callbackNumber',
  prompt: 'Ihre Nummer?',
};

function callbackFlow(node: Partial<CallbackNode>, fields: IntakeField[] = [phone], recordCaller = false) {
  return flowWith(
    {
      fragen: { kind: 'intake', fields, next: 'rueckruf' },
      rueckruf: {
        kind: 'callback',
        priority: 'normal',
        confirmation: 'Wir rufen zurück.',
        next: 'tschuess',
        ...node,
      },
    },
    (f) => {
      f.settings.record.callerNumber = recordCaller;
    },
  );
}

const NUMBER = 'null eins sieben eins eins zwei drei vier fünf sechs sieben';

describe('callback node', () => {
  it('records the number from the callback field and an urgent priority on the call', () => {
    const d = drive(callbackFlow({ priority: 'urgent' }), ['ja', NUMBER]);
    expect(d.state.record.callback).toEqual({ number: '+491711234567', priority: 'urgent' });
    expect(d.state.record.priority).toBe('urgent');
    expect(d.said).toContain('Wir rufen zurück.');
  });

  it('falls back to the caller ID only when the flow records caller numbers', () => {
    const name: IntakeField = { key: 'name', label: 'Name', type: 'name', prompt: 'Name?' };
    expect(
      drive(callbackFlow({}, [name], true), ['ja', 'Anna Schmidt'], { callerNumber: '+4930123456' }).state
        .record.callback?.number,
    ).toBe('+4930123456');
    expect(
      drive(callbackFlow({}, [name], false), ['ja', 'Anna Schmidt'], { callerNumber: '+4930123456' }).state
        .record.callback,
    ).not.toHaveProperty('number');
  });

  it('asks for the preferred time and parses it in the flow time zone', () => {
    const d = drive(callbackFlow({ timePrompt: 'Wann passt es?' }), ['ja', NUMBER, 'morgen um zehn']);
    expect(d.state.record.callback?.preferredTime).toBe('2026-03-03T10:00:00+01:00');
    expect(d.state.path.at(-1)).toBe('tschuess');
  });

  it('questions a time outside the callback window once, naming the window', () => {
    const flow = callbackFlow({
      timePrompt: 'Wann passt es?',
      window: { earliest: '09:00', latest: '17:00' },
    });
    const d = drive(flow, ['ja', NUMBER, 'morgen um zwanzig Uhr']);
    expect(d.lastSaid).toEqual([
      'Wir rufen zwischen 09:00 und 17:00 Uhr zurück. Welche Zeit passt Ihnen in diesem Rahmen?',
    ]);
    const d2 = drive(flow, ['ja', NUMBER, 'morgen um zwanzig Uhr', 'dann morgen um elf']);
    expect(d2.state.record.callback?.preferredTime).toBe('2026-03-03T11:00:00+01:00');
  });

  it('keeps the words when no time is understood twice, and goes on', () => {
    const d = drive(callbackFlow({ timePrompt: 'Wann passt es?' }), [
      'ja',
      NUMBER,
      'hm schwierig',
      'kommt drauf an, wie es passt',
    ]);
    expect(d.state.record.callback?.preferredTimeText).toBe('kommt drauf an, wie es passt');
    expect(d.state.path.at(-1)).toBe('tschuess');
  });
});
