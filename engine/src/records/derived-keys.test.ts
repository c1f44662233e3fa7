import { describe, expect, it } from 'vitest';
import { checkpointSigningKey, receiptKey, webhookSecret } from './derived-keys';

const MASTER = Buffer.alloc(32, 1);

describe('secrets derived from the master key', () => {
  it('are stable for one master key, differ per organisation and per purpose, and change with the master key', () => {
    expect(webhookSecret(MASTER, 't1')).toBe(webhookSecret(MASTER, 't1'));
    expect(webhookSecret(MASTER, 't1')).not.toBe(webhookSecret(MASTER, 't2'));
    expect(receiptKey(MASTER).equals(receiptKey(MASTER))).toBe(true);
    expect(receiptKey(MASTER)).toHaveLength(32);
    // Purpose separation: the receipt key is not any tenant's webhook secret.
    expect(webhookSecret(MASTER, 't1')).not.toContain(receiptKey(MASTER).toString('base64url'));
    const rotated = Buffer.alloc(32, 2);
    expect(webhookSecret(rotated, 't1')).not.toBe(webhookSecret(MASTER, 't1'));
    expect(receiptKey(rotated).equals(receiptKey(MASTER))).toBe(false);
  });

  it('give one Ed25519 checkpoint key per master key, named by a hash of its public key', () => {
    const a = checkpointSigningKey(MASTER);
    expect(checkpointSigningKey(MASTER).publicKey).toBe(a.publicKey);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(Buffer.from(a.publicKey, 'base64url')).toHaveLength(32);
    const rotated = checkpointSigningKey(Buffer.alloc(32, 2));
    expect(rotated.keyId).not.toBe(a.keyId);
    expect(rotated.publicKey).not.toBe(a.publicKey);
  });
});
