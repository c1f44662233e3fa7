import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signStreamToken, STREAM_TOKEN_TTL_MS, streamTokenKey, verifyStreamToken } from './stream-token';
import { UsedStreamTokens } from './used-stream-tokens';

const key = streamTokenKey(randomBytes(32));
const NOW = 1_800_000_000_000;
const tokenFor = (callSid: string, expiresAt = NOW + STREAM_TOKEN_TTL_MS) =>
  signStreamToken(key, { callSid, tenantId: 't1', flowId: 'f1', version: 1, expiresAt });

describe('used stream tokens', () => {
  it('a token is claimed once; every later claim of it is refused, other tokens are not affected', () => {
    const used = new UsedStreamTokens();
    const token = tokenFor('CA1');
    expect(used.claim(token, NOW + STREAM_TOKEN_TTL_MS, NOW)).toBe(true);
    expect(used.claim(token, NOW + STREAM_TOKEN_TTL_MS, NOW)).toBe(false);
    expect(used.claim(token, NOW + STREAM_TOKEN_TTL_MS, NOW + 59_000)).toBe(false);
    // The resume token of the same call is another token (fresh expiry and outcome).
    const resume = signStreamToken(key, {
      callSid: 'CA1',
      tenantId: 't1',
      flowId: 'f1',
      version: 1,
      expiresAt: NOW + 30_000 + STREAM_TOKEN_TTL_MS,
      resume: 'no-answer',
    });
    expect(used.claim(resume, NOW + 30_000 + STREAM_TOKEN_TTL_MS, NOW + 30_000)).toBe(true);
  });

  it('forgets a token once it has expired (verification refuses it then anyway), so memory stays bounded', () => {
    const used = new UsedStreamTokens();
    for (let i = 0; i < 100; i++) used.claim(tokenFor(`CA${i}`, NOW + 1000 + i), NOW + 1000 + i, NOW);
    expect(used.size).toBe(100);
    used.claim(
      tokenFor('CAlate', NOW + 1050 + STREAM_TOKEN_TTL_MS),
      NOW + 1050 + STREAM_TOKEN_TTL_MS,
      NOW + 1050,
    );
    expect(used.size).toBe(50); // 1000…1050 expired; 1051…1099 and the new one remain
    used.claim(tokenFor('CAlater'), NOW + 2 * STREAM_TOKEN_TTL_MS, NOW + 1100);
    expect(used.size).toBe(2);
  });

  it('refuses (fails closed) when full rather than forget a token that could still be replayed', () => {
    const used = new UsedStreamTokens(2);
    expect(used.claim(tokenFor('CA1'), NOW + 1000, NOW)).toBe(true);
    expect(used.claim(tokenFor('CA2'), NOW + 1000, NOW)).toBe(true);
    expect(used.claim(tokenFor('CA3'), NOW + 1000, NOW)).toBe(false);
    expect(used.claim(tokenFor('CA3'), NOW + 2000, NOW + 1000)).toBe(true); // room again after expiry
  });

  it('a token whose MAC is spelt differently (padding, stray bits) is not a new token: verification refuses it', () => {
    const token = tokenFor('CA1');
    const [v, body, mac] = token.split('.');
    expect(verifyStreamToken(key, token, 'CA1', NOW)).toBeDefined();
    // 32 bytes = 43 base64url chars; the last one carries 2 unused bits.
    const last = mac.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1];
    for (const respelt of [`${mac}=`, `${mac.slice(0, -1)}${sibling}`])
      expect(verifyStreamToken(key, `${v}.${body}.${respelt}`, 'CA1', NOW)).toBeUndefined();
  });
});
