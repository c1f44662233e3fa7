import { describe, expect, it } from 'vitest';
import { drive, flowWith } from '../interpreter/testing';

describe('say node', () => {
  const flow = flowWith({
    fragen: { kind: 'say', text: 'Hallo {name}, schön dass Sie anrufen.', next: 'info' },
    info: { kind: 'say', text: 'Wir sind für Sie da.', bargeIn: false, next: 'tschuess' },
  });

  it('speaks and continues in the same step, with the next node right behind it', () => {
    const d = drive(flow, ['ja']);
    expect(d.lastSaid).toEqual([
      'Hallo unbekannt, schön dass Sie anrufen.',
      'Wir sind für Sie da.',
      'Auf Wiederhören.',
    ]);
    expect(d.state.path).toEqual(['hallo', 'fragen', 'info', 'tschuess']);
  });

  it('is interruptible unless bargeIn is false; only prompts without caller data get a cache key', () => {
    const says = drive(flow, ['ja']).last.filter((a) => a.type === 'say');
    expect(says[0]).toMatchObject({ bargeIn: true });
    expect(says[0]).not.toHaveProperty('cacheKey');
    expect(says[1]).toMatchObject({ bargeIn: false, cacheKey: 'c0ffee00c0ffee00:info:text' });
  });
});
