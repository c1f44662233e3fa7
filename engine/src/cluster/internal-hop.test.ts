import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hopKey, signHop, verifyHop } from './internal-hop';

const key = hopKey(randomBytes(32));
const now = Date.parse('2026-12-07T15:00:00Z');

describe('internal hop signatures', () => {
  it('accept the request they were made for, within a minute either way', () => {
    const header = signHop(key, 'POST', '/twilio/status?owner=o1.x', now);
    expect(verifyHop(key, header, 'POST', '/twilio/status?owner=o1.x', now + 59_000)).toBe(true);
    expect(verifyHop(key, header, 'POST', '/twilio/status?owner=o1.x', now - 59_000)).toBe(true);
  });

  it('refuse another path or method, a stale or future one, another master key, or none', () => {
    const header = signHop(key, 'POST', '/twilio/status', now);
    expect(verifyHop(key, header, 'POST', '/twilio/dial-action', now)).toBe(false);
    expect(verifyHop(key, header, 'GET', '/twilio/status', now)).toBe(false);
    expect(verifyHop(key, header, 'POST', '/twilio/status', now + 61_000)).toBe(false);
    expect(verifyHop(key, header, 'POST', '/twilio/status', now - 61_000)).toBe(false);
    expect(verifyHop(hopKey(randomBytes(32)), header, 'POST', '/twilio/status', now)).toBe(false);
    expect(verifyHop(key, undefined, 'POST', '/twilio/status', now)).toBe(false);
    expect(verifyHop(key, 'v1.x.y', 'POST', '/twilio/status', now)).toBe(false);
  });
});
