import { describe, expect, it } from 'vitest';
import { isValidTwilioSignature, twilioSignature } from './signature';

// The published vector (see docs/protocols.md).
const token = '12345';
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};

describe('Twilio webhook signatures', () => {
  it('computes the known vector', () => {
    expect(twilioSignature(token, url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('accepts the known vector', () => {
    expect(isValidTwilioSignature(token, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(true);
  });

  it.each([
    ['a changed parameter', { ...params, To: '+18005551213' }, url, token],
    ['an extra parameter', { ...params, Extra: '1' }, url, token],
    [
      'another URL (internal instead of public)',
      params,
      'http://127.0.0.1:8787/myapp.php?foo=1&bar=2',
      token,
    ],
    ['another auth token', params, url, '54321'],
  ])('rejects %s', (_, p, u, t) => {
    expect(isValidTwilioSignature(t, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', u, p)).toBe(false);
  });

  it('rejects a missing signature or an unconfigured token', () => {
    expect(isValidTwilioSignature(token, undefined, url, params)).toBe(false);
    expect(isValidTwilioSignature('', twilioSignature('', url, params), url, params)).toBe(false);
  });
});
