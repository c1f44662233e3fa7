// Envelope encryption for call records (privacy.md "Techniques").
//
//   master key (env / key file) ──wraps──▶ tenant key ──wraps──▶ record data key ──seals──▶ record
//
// Every layer is AES-256-GCM with a fresh 96-bit random nonce and a 16-byte tag, and its
// additional authenticated data names exactly what it belongs to (tenant, record), so a blob
// copied onto another tenant or record fails to open. Destroying a record's wrapped data key
// ("crypto-shredding") makes every copy of its ciphertext — backups, old WAL pages — unreadable.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

/** A sealed blob: version byte ‖ nonce ‖ tag ‖ ciphertext. One self-describing Buffer per value. */
export type Sealed = Buffer;

export class DecryptionError extends Error {
  constructor() {
    // Deliberately no detail: which check failed is of no use to an attacker or a log reader.
    super('decryption failed');
    this.name = 'DecryptionError';
  }
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`key must be ${KEY_BYTES} bytes`);
}

/** A fresh random 96-bit GCM nonce. Never reused: a repeated nonce under one key breaks GCM. */
export function newNonce(): Buffer {
  return randomBytes(NONCE_BYTES);
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  assertKey(key);
  const nonce = newNonce();
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Sealed, aad: string): Buffer {
  assertKey(key);
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new DecryptionError();
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
  const tag = sealed.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
  const body = sealed.subarray(1 + NONCE_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    // final() is what verifies the tag: nothing is returned before it succeeded.
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

// AAD strings: one place, so the binding rules cannot differ between seal and open.
export const aad = {
  tenantKey: (tenantId: string) => `callflow/tenant-key/v1/${tenantId}`,
  dataKey: (tenantId: string, recordId: string) => `callflow/data-key/v1/${tenantId}/${recordId}`,
  record: (tenantId: string, recordId: string) => `callflow/record/v1/${tenantId}/${recordId}`,
};

export interface SealedRecord {
  /** The record's data key, wrapped by the tenant key. Deleting it shreds the record. */
  wrappedDataKey: Sealed;
  ciphertext: Sealed;
}

/** Encrypts one record under a fresh data key, wrapped by the (unwrapped) tenant key. */
export function sealRecord(
  tenantKey: Buffer,
  tenantId: string,
  recordId: string,
  plaintext: Buffer,
): SealedRecord {
  const dataKey = newKey();
  try {
    return {
      wrappedDataKey: seal(tenantKey, dataKey, aad.dataKey(tenantId, recordId)),
      ciphertext: seal(dataKey, plaintext, aad.record(tenantId, recordId)),
    };
  } finally {
    dataKey.fill(0);
  }
}

export function openRecord(
  tenantKey: Buffer,
  tenantId: string,
  recordId: string,
  sealed: SealedRecord,
): Buffer {
  const dataKey = open(tenantKey, sealed.wrappedDataKey, aad.dataKey(tenantId, recordId));
  try {
    return open(dataKey, sealed.ciphertext, aad.record(tenantId, recordId));
  } finally {
    dataKey.fill(0);
  }
}

export function wrapTenantKey(masterKey: Buffer, tenantId: string, tenantKey: Buffer): Sealed {
  return seal(masterKey, tenantKey, aad.tenantKey(tenantId));
}

export function unwrapTenantKey(masterKey: Buffer, tenantId: string, wrapped: Sealed): Buffer {
  return open(masterKey, wrapped, aad.tenantKey(tenantId));
}
