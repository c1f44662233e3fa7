import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../call/types';
import { flowWith, MONDAY_9 } from '../interpreter/testing';
import { beginTextCall, sendTurn, type TextCall } from './text-call';
import { eventsOfTurn, turnOfEvent } from './turns';

// A callback number the deterministic parsers cannot read sends the words to the model.
const flow = flowWith(
  {
    fragen: {
      kind: 'intake',
      fields: [
        {
          key: 'nummer',
          label: 'Rückrufnummer',
          type: 'phone',
          prompt: 'Ihre Nummer?',
          reprompt: 'Bitte Ziffer für Ziffer.',
        },
      ],
      next: 'tschuess',
    },
  },
  (f) => (f.settings.providers.understanding = 'openai'),
);

const begin = () => beginTextCall(flow, { txId: 'tx-drive', startedAt: MONDAY_9, channel: 'test' });
const heardIn = (call: TextCall, turn: number) =>
  call.lines.filter((l) => l.who === 'bot' && l.turn === turn).map((l) => l.text);

describe('the text driver', () => {
  it('greets before any turn and keeps what the caller said in the transcript', () => {
    let call = begin();
    expect(heardIn(call, -1)).toEqual(['Sie sprechen mit einem KI-Assistenten.', 'Einverstanden?']);
    call = sendTurn(call, { say: 'ja' }, MONDAY_9 + 5000);
    expect(call.lines.filter((l) => l.who === 'caller')).toEqual([{ who: 'caller', text: 'ja', turn: 0 }]);
    expect(heardIn(call, 0)).toEqual(['Ihre Nummer?']);
  });

  it('without a model, the step decides with its own understanding in the same turn', () => {
    let call = sendTurn(begin(), { say: 'ja' }, MONDAY_9 + 5000);
    call = sendTurn(call, { say: 'die weiß ich nicht auswendig' }, MONDAY_9 + 10_000);
    expect(call.actions.some((a) => a.type === 'extract')).toBe(true);
    expect(call.pendingRequest).toBeUndefined();
    expect(heardIn(call, 1)).toEqual(['Bitte Ziffer für Ziffer.']);
    expect(call.steps.at(-1)?.event).toMatchObject({ type: 'extracted', error: 'unavailable' });
  });

  it('without a model, a question no fact answers gets the fallback and the step asks again', () => {
    let call = sendTurn(begin(), { say: 'ja' }, MONDAY_9 + 5000);
    call = sendTurn(call, { say: 'Wo kann ich bei Ihnen parken?' }, MONDAY_9 + 10_000);
    expect(call.actions.some((a) => a.type === 'answer')).toBe(true);
    expect(call.pendingRequest).toBeUndefined();
    expect(heardIn(call, 1)).toEqual([
      'Das kann ich Ihnen leider nicht sicher beantworten. Ich notiere Ihre Frage für das Team.',
      'Ihre Nummer?',
    ]);
    expect(call.state.record.questions).toEqual(['Wo kann ich bei Ihnen parken?']);
    expect(call.state.record.fields.nummer).toBeUndefined();
  });

  it('a driver that has a model (or a script) answers a question later, with an answer turn', () => {
    const wait = { answerModel: () => undefined };
    let call = sendTurn(begin(), { say: 'ja' }, MONDAY_9 + 5000, wait);
    call = sendTurn(call, { say: 'Wo kann ich bei Ihnen parken?' }, MONDAY_9 + 10_000, wait);
    expect(call.pendingRequest).toMatchObject({ type: 'answer', question: 'Wo kann ich bei Ihnen parken?' });
    call = sendTurn(call, { answer: { error: 'timeout' } }, MONDAY_9 + 11_000, wait);
    expect(call.pendingRequest).toBeUndefined();
    expect(heardIn(call, 2)[0]).toMatch(/nicht sicher beantworten/);
  });

  it('a driver that has a model (or a script) answers later, with an extract turn', () => {
    const wait = { answerModel: () => undefined };
    let call = sendTurn(begin(), { say: 'ja' }, MONDAY_9 + 5000, wait);
    call = sendTurn(call, { say: 'null eins sieben eins, dann eins zwei drei' }, MONDAY_9 + 10_000, wait);
    expect(call.pendingRequest).toMatchObject({ type: 'extract', fields: [{ key: 'nummer' }] });
    expect(heardIn(call, 1)).toEqual([]);
    call = sendTurn(call, { extract: { values: { nummer: '0171 1234567' } } }, MONDAY_9 + 11_000);
    expect(call.pendingRequest).toBeUndefined();
    expect(call.state.record.fields.nummer).toMatchObject({ value: '+491711234567', source: 'llm' });
    expect(call.state.node).toBe('tschuess');
    expect(call.ended).toBe(true);
    expect(call.record?.fields.nummer?.value).toBe('+491711234567');
  });

  it('a turn never changes the call it was sent to', () => {
    const before = begin();
    const copy = structuredClone(before);
    const after = sendTurn(before, { say: 'ja' }, MONDAY_9 + 5000);
    expect(after).not.toBe(before);
    expect(before).toEqual(copy);
  });

  it('a transfer rings until a handoff turn says what happened', () => {
    let call = sendTurn(begin(), { say: 'nein' }, MONDAY_9 + 5000);
    expect(call.transfer).toBe('empfang');
    call = sendTurn(call, { handoff: 'answered' }, MONDAY_9 + 10_000);
    expect(call.transfer).toBeNull();
    expect(call.record?.outcome).toBe('handed-off');
  });

  it('a caller event and a turn are two spellings of the same thing', () => {
    const events: CallEvent[] = [
      { type: 'utterance', at: 1, text: 'Hallo', final: true },
      { type: 'dtmf', at: 1, digit: '0' },
      { type: 'silence', at: 1 },
      { type: 'hangup', at: 1 },
      { type: 'handoff.result', at: 1, outcome: 'busy' },
    ];
    for (const event of events) {
      const turn = turnOfEvent(event);
      expect(turn && eventsOfTurn(turn, 1, undefined)).toEqual([event]);
    }
    expect(turnOfEvent({ type: 'timer', at: 1, id: 'x' })).toBeNull();
  });
});
