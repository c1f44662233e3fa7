// Secrets derived from the master key with HKDF-SHA256 (RFC 5869), each under its own label.
//
// Why derive instead of generating and storing more secrets: the operator manages exactly one
// secret (CALLFLOW_MASTER_KEY). Nothing derived is ever written to disk, so a stolen database
// holds no receipt key and no webhook secret. Distinct `info` labels make the outputs
// independent: knowing a tenant's webhook secret tells nothing about the receipt key or another
// tenant's secret. Rotation = a new master key (tenant keys re-wrapped, receivers told the new
// webhook secret; old receipt chains stay verifiable with the old key kept offline; old signed
// checkpoints stay verifiable through their public key, which the store keeps by key id).
import { hkdfSync } from 'node:crypto';
import { signingKeyFromSeed, type SigningKey } from '../privacy/checkpoints';

const SALT = 'callflow/hkdf/v1';

function derive(masterKey: Buffer, info: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, SALT, info, bytes));
}

/** HMAC key of the deletion-receipt chains (one per server, chains are per tenant). */
export function receiptKey(masterKey: Buffer): Buffer {
  return derive(masterKey, 'callflow/receipt-hmac/v1');
}

/** The tenant's webhook signing secret, as the business pastes it into its receiver. */
export function webhookSecret(masterKey: Buffer, tenantId: string): string {
  return `whsec_${derive(masterKey, `callflow/webhook-secret/v1/${tenantId}`).toString('base64url')}`;
}

/** The Ed25519 key that signs receipt-chain checkpoints (one per server; its key id names it). */
export function checkpointSigningKey(masterKey: Buffer): SigningKey {
  return signingKeyFromSeed(derive(masterKey, 'callflow/receipt-checkpoint-ed25519/v1'));
}

/** Seals every account's TOTP secret at rest (auth/two-factor.ts); a stolen database yields none. */
export function twoFactorSecretKey(masterKey: Buffer): Buffer {
  return derive(masterKey, 'callflow/totp-secret-aes/v1');
}
