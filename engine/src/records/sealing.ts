// A call note's content on disk: the CallRecord as JSON, sealed with a fresh data key
// (privacy/envelope.ts). The key id only names the key in receipts; it is not secret.
import { randomUUID } from 'node:crypto';
import type { CallRecord } from '../flow/record/schema';
import { openRecord, sealRecord } from '../privacy/envelope';

export interface SealedNote {
  keyId: string;
  wrappedDataKey: Buffer;
  ciphertext: Buffer;
}

export function sealNote(tenantKey: Buffer, tenantId: string, record: CallRecord): SealedNote {
  const sealed = sealRecord(tenantKey, tenantId, record.txId, Buffer.from(JSON.stringify(record), 'utf8'));
  return { keyId: `dk_${randomUUID()}`, ...sealed };
}

export function openNote(
  tenantKey: Buffer,
  tenantId: string,
  txId: string,
  note: Pick<SealedNote, 'wrappedDataKey' | 'ciphertext'>,
): CallRecord {
  const plaintext = openRecord(tenantKey, tenantId, txId, note);
  try {
    return JSON.parse(plaintext.toString('utf8')) as CallRecord;
  } finally {
    plaintext.fill(0);
  }
}
