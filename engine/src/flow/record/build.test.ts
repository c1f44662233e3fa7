// Without consent given, the call note keeps the facts of the call and nothing about the caller:
// no caller number, no details, no transcript — whichever way consent was not given.
import { describe, expect, it } from 'vitest';
import { baseFlow, compiled, delivered, drive, type TestInput } from '../interpreter/testing';
import type { ConsentOutcome } from './schema';
import { buildRecord } from './build';

/** The test flow with everything a note can carry switched on. */
function recordingFlow() {
  const f = baseFlow();
  f.settings.record = { transcript: true, callerNumber: true };
  return compiled(f);
}

const CALLER = '+4917612345678';

function noteAfter(inputs: TestInput[]) {
  const d = drive(recordingFlow(), inputs, { callerNumber: CALLER });
  const action = delivered(d);
  if (action?.type !== 'deliver') throw new Error('no note delivered');
  return action.record;
}

describe('the call note without consent', () => {
  it.each<[string, TestInput[], ConsentOutcome]>([
    ['refused ("nein")', ['nein', { handoff: 'busy' }], 'refused'],
    ['refused (key 2)', [{ dtmf: '2' }, { handoff: 'no-answer' }], 'refused'],
    ['unclear after every attempt', ['wie bitte', 'was meinen Sie', { handoff: 'busy' }], 'unclear'],
    ['not asked: key 0 before answering', [{ dtmf: '0' }, { handoff: 'busy' }], 'not-asked'],
    ['not asked: a human asked for in words', ['Mensch', { handoff: 'busy' }], 'not-asked'],
    [
      'not asked: silence until the transfer',
      [{ silence: true }, { silence: true }, { silence: true }, { handoff: 'busy' }],
      'not-asked',
    ],
    ['not asked: hung up during the greeting', [{ hangup: true }], 'not-asked'],
  ])('%s: no caller number, no details, no transcript', (_case, inputs, consent) => {
    const note = noteAfter(inputs);
    expect(note.consent).toBe(consent);
    expect(note).not.toHaveProperty('callerNumber');
    expect(note).not.toHaveProperty('transcript');
    expect(note).not.toHaveProperty('callback');
    expect(note).not.toHaveProperty('concern');
    expect(note.fields).toEqual({});
    expect(JSON.stringify(note)).not.toContain(CALLER);
  });

  it('given: the number, the details and the transcript are kept as the settings say', () => {
    const note = noteAfter(['ja', 'Mein Name ist Anna Schmidt']);
    expect(note.consent).toBe('given');
    expect(note.callerNumber).toBe(CALLER);
    expect(note.fields.name).toMatchObject({ value: 'Anna Schmidt' });
    expect(note.transcript?.some((t) => t.speaker === 'caller' && t.text.includes('Anna'))).toBe(true);
  });

  it('drops details a state carries without consent (the last line of defence, whatever the path)', () => {
    const d = drive(recordingFlow(), ['ja', 'Mein Name ist Anna Schmidt'], { callerNumber: CALLER });
    for (const consent of ['refused', 'unclear', 'not-asked'] as const) {
      const state = structuredClone(d.state);
      state.record.consent = consent;
      state.record.concern = 'Rezept';
      state.record.callback = { number: CALLER, priority: 'urgent' };
      state.record.missingFields = ['geburtsdatum'];
      const note = buildRecord(recordingFlow(), state, d.state.lastAt);
      expect(note.fields).toEqual({});
      expect(note.missingFields).toEqual([]);
      expect(JSON.stringify(note)).not.toMatch(/Anna|Rezept|\+49176/);
    }
  });
});
