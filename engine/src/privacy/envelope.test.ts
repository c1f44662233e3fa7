import { describe, expect, it } from 'vitest';
import {
  DecryptionError,
  newKey,
  newNonce,
  open,
  openRecord,
  seal,
  sealRecord,
  unwrapTenantKey,
  wrapTenantKey,
} from './envelope';

const CANARY = 'CANARY-Herzrasen-7f3a9c';

describe('envelope encryption', () => {
  const master = newKey();
  const tenantKey = newKey();

  it('round-trips a record through tenant and data keys', () => {
    const wrapped = wrapTenantKey(master, 't1', tenantKey);
    const tk = unwrapTenantKey(master, 't1', wrapped);
    const sealed = sealRecord(tk, 't1', 'r1', Buffer.from(CANARY));
    expect(openRecord(tk, 't1', 'r1', sealed).toString()).toBe(CANARY);
  });

  it('never contains the plaintext in any stored form', () => {
    const sealed = sealRecord(tenantKey, 't1', 'r1', Buffer.from(CANARY));
    for (const blob of [sealed.ciphertext, sealed.wrappedDataKey]) {
      for (const encoding of ['utf8', 'hex', 'base64', 'utf16le'] as const) {
        expect(blob.toString(encoding)).not.toContain(
          Buffer.from(CANARY).toString(encoding === 'utf16le' ? 'utf8' : encoding),
        );
      }
      expect(blob.includes(Buffer.from(CANARY, 'utf16le'))).toBe(false);
    }
  });

  it('refuses a blob moved to another record or tenant (AAD binding)', () => {
    const sealed = sealRecord(tenantKey, 't1', 'r1', Buffer.from(CANARY));
    expect(() => openRecord(tenantKey, 't1', 'r2', sealed)).toThrow(DecryptionError);
    expect(() => openRecord(tenantKey, 't2', 'r1', sealed)).toThrow(DecryptionError);
    const wrapped = wrapTenantKey(master, 't1', tenantKey);
    expect(() => unwrapTenantKey(master, 't2', wrapped)).toThrow(DecryptionError);
  });

  it('detects any flipped bit in nonce, tag or ciphertext, and short or truncated blobs', () => {
    const blob = seal(tenantKey, Buffer.from(CANARY), 'a');
    for (let i = 0; i < blob.length; i++) {
      const tampered = Buffer.from(blob);
      tampered[i] ^= 0x01;
      expect(() => open(tenantKey, tampered, 'a')).toThrow(DecryptionError);
    }
    expect(() => open(tenantKey, blob.subarray(0, 20), 'a')).toThrow(DecryptionError);
    // A shortened tag must not be accepted (GCM would otherwise accept 4-byte tags).
    const shortTag = Buffer.concat([blob.subarray(0, 1 + 12 + 4), blob.subarray(1 + 12 + 16)]);
    expect(() => open(tenantKey, shortTag, 'a')).toThrow(DecryptionError);
    expect(() => open(tenantKey, blob, 'b')).toThrow(DecryptionError);
  });

  it('cannot open with the wrong key, and a shredded data key makes the ciphertext useless', () => {
    const sealed = sealRecord(tenantKey, 't1', 'r1', Buffer.from(CANARY));
    expect(() => openRecord(newKey(), 't1', 'r1', sealed)).toThrow(DecryptionError);
    // Without the wrapped data key there is nothing to try but guessing a 256-bit key.
    expect(() => open(newKey(), sealed.ciphertext, 'callflow/record/v1/t1/r1')).toThrow(DecryptionError);
  });

  it('draws a fresh nonce for every sealed value, unique over 10^6 nonces', () => {
    const key = newKey();
    const one = Buffer.alloc(1);
    // seal() takes its nonce from newNonce(): two seals of the same input differ in nonce and body.
    const a = seal(key, one, '');
    const b = seal(key, one, '');
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(newNonce().toString('latin1'));
    expect(seen.size).toBe(1_000_000);
  }, 120_000);
});
