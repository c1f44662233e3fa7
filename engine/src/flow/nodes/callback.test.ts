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

  it('without a collected number, offers the caller ID for confirmation — whatever the note records', () => {
    const name: IntakeField = { key: 'name', label: 'Name', type: 'name', prompt: 'Name?' };
    for (const recordCaller of [true, false]) {
      const flow = callbackFlow({}, [name], recordCaller);
      const offered = drive(flow, ['ja', 'Anna Schmidt'], { callerNumber: '+4930123456' });
      expect(offered.lastSaid).toEqual([
        'Sollen wir Sie unter der Nummer null drei null – eins zwo – drei vier – fünf sechs zurückrufen?',
      ]);
      expect(offered.state.record.callback).not.toHaveProperty('number');
      const d = drive(flow, ['ja', 'Anna Schmidt', 'ja, gerne'], { callerNumber: '+4930123456' });
      expect(d.state.record.callback?.number).toBe('+4930123456');
      expect(d.lastSaid).toContain('Wir rufen zurück.');
    }
  });

  it('key 1 confirms the caller ID, key 2 declines it', () => {
    const name: IntakeField = { key: 'name', label: 'Name', type: 'name', prompt: 'Name?' };
    const flow = callbackFlow({}, [name]);
    const call = { callerNumber: '+4930123456' };
    expect(drive(flow, ['ja', 'Anna Schmidt', { dtmf: '1' }], call).state.record.callback?.number).toBe(
      '+4930123456',
    );
    expect(drive(flow, ['ja', 'Anna Schmidt', { dtmf: '2' }], call).lastSaid).toEqual([
      'Unter welcher Telefonnummer können wir Sie zurückrufen?',
    ]);
  });

  it('declined or no caller ID: asks with its own question, reads the number back, notes it on yes', () => {
    const name: IntakeField = { key: 'name', label: 'Name', type: 'name', prompt: 'Name?' };
    const flow = callbackFlow({ numberPrompt: 'Unter welcher Nummer erreichen wir Sie?' }, [name]);
    const declined = drive(flow, ['ja', 'Anna Schmidt', 'nein'], { callerNumber: '+4930123456' });
    expect(declined.lastSaid).toEqual(['Unter welcher Nummer erreichen wir Sie?']);
    const d = drive(flow, ['ja', 'Anna Schmidt', NUMBER]);
    expect(d.lastSaid).toEqual([
      'Ich habe null eins sieben eins – eins zwo drei – vier fünf – sechs sieben verstanden. Ist das richtig?',
    ]);
    const done = drive(flow, ['ja', 'Anna Schmidt', NUMBER, 'ja']);
    expect(done.state.record.callback?.number).toBe('+491711234567');
    expect(done.state.path.at(-1)).toBe('tschuess');
  });

  it('"nein, unter …" corrects the caller ID; the new number is read back in turn', () => {
    const name: IntakeField = { key: 'name', label: 'Name', type: 'name', prompt: 'Name?' };
    const d = drive(callbackFlow({}, [name]), ['ja', 'Anna Schmidt', `nein, unter ${NUMBER}`, 'ja'], {
      callerNumber: '+4930123456',
    });
    expect(d.state.record.callback?.number).toBe('+491711234567');
  });

  it('never takes a premium-rate or shared-cost number: not the caller ID, not a spoken one', () => {
    const name: IntakeField = { key: 'name', label: 'Name', type: 'name', prompt: 'Name?' };
    const flow = callbackFlow({}, [name]);
    const paidCaller = drive(flow, ['ja', 'Anna Schmidt'], { callerNumber: '+19002001234' });
    expect(paidCaller.lastSaid).toEqual(['Unter welcher Telefonnummer können wir Sie zurückrufen?']);
    const d = drive(flow, [
      'ja',
      'Anna Schmidt',
      'null neun null null, eins zwei drei vier fünf sechs sieben',
    ]);
    expect(d.lastSaid).toEqual([
      'Das ist eine kostenpflichtige Sondernummer, dorthin können wir nicht zurückrufen.',
      'Unter welcher Telefonnummer können wir Sie zurückrufen?',
    ]);
    expect(d.state.record.callback).not.toHaveProperty('number');
  });

  it('after three failed attempts: no callback is promised, the caller hears why, the call goes on', () => {
    const name: IntakeField = { key: 'name', label: 'Name', type: 'name', prompt: 'Name?' };
    const d = drive(callbackFlow({}, [name]), ['ja', 'Anna Schmidt', 'weiß ich nicht', 'hm', 'keine Ahnung']);
    expect(d.said).toContain('Ohne Telefonnummer kann ich leider keinen Rückruf notieren.');
    expect(d.said).not.toContain('Wir rufen zurück.');
    expect(d.state.record.callback).toEqual({ priority: 'normal' });
    expect(d.state.path.at(-1)).toBe('tschuess');
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

  it('refuses a callback time in the past and asks again', () => {
    const d = drive(callbackFlow({ timePrompt: 'Wann passt es?' }), [
      'ja',
      NUMBER,
      'am 1. März 2026 um 10 Uhr',
    ]);
    expect(d.lastSaid[0]).toMatch(/^Ich habe .*1\. März.* verstanden – das liegt in der Vergangenheit\.$/);
    expect(d.lastSaid[1]).toBe('Wann passt es?');
    expect(d.state.record.callback).not.toHaveProperty('preferredTime');
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
