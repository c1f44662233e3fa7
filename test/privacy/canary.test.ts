import { describe, expect, it } from 'vitest';
import { findCanary } from './canary';

// The scanner itself must be able to fail: if it missed encodings, every privacy test built
// on it would pass vacuously.
describe('canary scanner', () => {
  const canary = 'CANARY-Brustschmerz-5d1e';

  it.each([
    ['utf8', Buffer.from(`{"note":"${canary}"}`)],
    ['utf16le', Buffer.from(`xx${canary}yy`, 'utf16le')],
    ['hex', Buffer.from(`data=${Buffer.from('ab' + canary).toString('hex')}`)],
    ['HEX', Buffer.from(Buffer.from(canary).toString('hex').toUpperCase())],
    ['base64', Buffer.from(Buffer.from(`prefix ${canary} suffix`).toString('base64'))],
    ['base64', Buffer.from(Buffer.from(`p1${canary}`).toString('base64'))],
    ['base64', Buffer.from(Buffer.from(`p${canary}`).toString('base64'))],
  ])('finds the canary encoded as %s', (encoding, haystack) => {
    expect(findCanary(haystack, canary)).toContain(encoding);
  });

  it('reports nothing for clean data', () => {
    expect(findCanary(Buffer.from('{"event":"call.ended","outcome":"ok"}'), canary)).toEqual([]);
  });
});
