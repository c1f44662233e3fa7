import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signStreamToken, STREAM_TOKEN_TTL_MS, streamTokenKey, verifyStreamToken } from './stream-token';

const key = streamTokenKey(randomBytes(32));
const NOW = 1_800_000_000_000;
const grant = { callSid: 'CA1', tenantId: 't1', flowId: 'f1', version: 3, expiresAt: NOW + 30_000 };

describe('stream token', () => {
  it('round-trips the grant for the same call before it expires', () => {
    expect(verifyStreamToken(key, signStreamToken(key, grant), 'CA1', NOW)).toEqual(grant);
  });

  it('is refused for another call, after expiry, or with a lifetime over the limit', () => {
    const token = signStreamToken(key, grant);
    expect(verifyStreamToken(key, token, 'CA2', NOW)).toBeUndefined();
    expect(verifyStreamToken(key, token, 'CA1', grant.expiresAt)).toBeUndefined();
    const tooLong = signStreamToken(key, { ...grant, expiresAt: NOW + STREAM_TOKEN_TTL_MS + 1 });
    expect(verifyStreamToken(key, tooLong, 'CA1', NOW)).toBeUndefined();
  });

  it('is refused when any part was changed or signed with another master key', () => {
    const [v, body, mac] = signStreamToken(key, grant).split('.');
    const otherTenant = Buffer.from(JSON.stringify({ ...grant, tenantId: 't2' })).toString('base64url');
    expect(verifyStreamToken(key, `${v}.${otherTenant}.${mac}`, 'CA1', NOW)).toBeUndefined();
    expect(verifyStreamToken(key, `${v}.${body}.${mac.slice(0, -2)}`, 'CA1', NOW)).toBeUndefined();
    expect(
      verifyStreamToken(streamTokenKey(randomBytes(32)), `${v}.${body}.${mac}`, 'CA1', NOW),
    ).toBeUndefined();
    expect(verifyStreamToken(key, undefined, 'CA1', NOW)).toBeUndefined();
    expect(verifyStreamToken(key, 'garbage', 'CA1', NOW)).toBeUndefined();
  });

  it('a resume token carries the dial outcome, bound to the same call and lifetime rules', () => {
    const resume = { ...grant, resume: 'no-answer' as const };
    const token = signStreamToken(key, resume);
    expect(verifyStreamToken(key, token, 'CA1', NOW)).toEqual(resume);
    expect(verifyStreamToken(key, token, 'CA2', NOW)).toBeUndefined();
    expect(verifyStreamToken(key, token, 'CA1', grant.expiresAt)).toBeUndefined();
    // A plain token never turns into a resume (the outcome is inside the signed part).
    const [v, , mac] = signStreamToken(key, grant).split('.');
    const forged = Buffer.from(JSON.stringify(resume)).toString('base64url');
    expect(verifyStreamToken(key, `${v}.${forged}.${mac}`, 'CA1', NOW)).toBeUndefined();
    expect(
      verifyStreamToken(key, signStreamToken(key, { ...grant, resume: 'answered' as never }), 'CA1', NOW),
    ).toBeUndefined();
  });
});
