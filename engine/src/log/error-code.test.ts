import { describe, expect, it } from 'vitest';
import { errorCode } from './error-code.js';

const CANARY = 'Kanarie Müller +49 171 5550199';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
}

describe('errorCode', () => {
  it.each<[string, unknown, string]>([
    ['JSON.parse quoting caller text', thrown(() => JSON.parse(`{${CANARY}`)), 'SyntaxError'],
    ['a Node system error code', Object.assign(new Error(CANARY), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    ['a dotted provider code', Object.assign(new Error(CANARY), { code: 'rate_limited' }), 'rate_limited'],
    ['a code that is itself text', Object.assign(new TypeError('x'), { code: CANARY }), 'TypeError'],
    ['a renamed error', Object.assign(new RangeError('x'), { name: CANARY }), 'RangeError'],
    ['a custom class', new (class QuotaError extends Error {})(CANARY), 'QuotaError'],
    ['a thrown string', CANARY, 'NonError'],
    ['a thrown plain object', { message: CANARY }, 'NonError'],
    ['null', null, 'NonError'],
  ])('%s → %s', (_label, err, code) => {
    expect(errorCode(err)).toBe(code);
  });

  it('never throws, even on hostile objects', () => {
    const hostile = new Proxy(new Error('x'), {
      get: () => {
        throw new Error(CANARY);
      },
    });
    expect(() => errorCode(hostile)).not.toThrow();
  });
});
