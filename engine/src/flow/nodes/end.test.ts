import { describe, expect, it } from 'vitest';
import { step } from '../interpreter/step';
import { baseFlow, compiled, delivered, drive } from '../interpreter/testing';

const flow = compiled(baseFlow());

describe('end node', () => {
  it('says goodbye, delivers the record, then hangs up — in that order', () => {
    const d = drive(flow, ['ja', 'Anna Schmidt']);
    expect(d.last.map((a) => a.type)).toEqual(['say', 'timer.cancel', 'deliver', 'hangup']);
    expect(d.state.terminal).toBe(true);
    expect(delivered(d)).toMatchObject({
      record: { outcome: 'completed', fields: { name: { value: 'Anna Schmidt' } } },
    });
  });

  it('ignores every event after the end', () => {
    const d = drive(flow, ['ja', 'Anna Schmidt']);
    for (const event of [
      { type: 'utterance', at: 1, text: 'Hallo?' },
      { type: 'dtmf', at: 1, digit: '0' },
      { type: 'hangup', at: 1 },
      { type: 'silence', at: 1 },
    ] as const) {
      const r = step(flow, d.state, event);
      expect(r.actions).toEqual([]);
      expect(r.state).toBe(d.state);
    }
  });
});
