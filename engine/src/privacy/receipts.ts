// Deletion receipts: proof that a call note was deleted, and when — without any personal content.
//
// Receipts form one hash chain per tenant. Each receipt's `hash` is an HMAC (server key) over its
// own fields and the previous receipt's hash, and receipts are numbered without gaps, so
//   - modifying a receipt breaks its hash,
//   - deleting or reordering receipts breaks the numbering and the `prevHash` links,
//   - truncating the tail is caught by the separately stored, MAC'd chain head,
//   - receipts without any head (the head row deleted) are reported as such.
// Without the server key nobody can forge a consistent chain. The operator holds that key, so a
// rewind of receipts *and* head is caught only by a signed checkpoint the tenant keeps
// (./checkpoints.ts).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

// `organisation-deleted`: the operator deleted the whole organisation (every note shredded at once).
export const DELETION_REASONS = [
  'delivered',
  'expired',
  'erasure',
  'manual',
  'organisation-deleted',
] as const;
export type DeletionReason = (typeof DELETION_REASONS)[number];

export interface ReceiptInput {
  txId: string;
  tenantId: string;
  reason: DeletionReason;
  /** ISO instant of the deletion. */
  deletedAt: string;
  /** Id of the destroyed data key (crypto-shredding), so an auditor can match key and record. */
  keyId: string;
}

export interface Receipt extends ReceiptInput {
  receiptId: string;
  /** 1-based position in the tenant's chain. */
  seq: number;
  prevHash: string;
  hash: string;
}

/** The latest position of a tenant's chain, stored apart from the receipts and MAC'd. */
export interface ChainHead {
  tenantId: string;
  seq: number;
  hash: string;
  mac: string;
}

function hmac(key: Buffer, ...parts: string[]): string {
  const h = createHmac('sha256', key);
  // Length-prefix every part so no two different field lists can produce the same input.
  for (const part of parts) h.update(`${Buffer.byteLength(part)}:${part};`);
  return h.digest('hex');
}

export function genesisHash(key: Buffer, tenantId: string): string {
  return hmac(key, 'callflow/receipts/genesis/v1', tenantId);
}

function receiptHash(key: Buffer, r: Omit<Receipt, 'hash'>): string {
  return hmac(
    key,
    'callflow/receipt/v1',
    r.receiptId,
    String(r.seq),
    r.txId,
    r.tenantId,
    r.reason,
    r.deletedAt,
    r.keyId,
    r.prevHash,
  );
}

function headMac(key: Buffer, tenantId: string, seq: number, hash: string): string {
  return hmac(key, 'callflow/receipts/head/v1', tenantId, String(seq), hash);
}

/** Builds the next receipt after `previous` (undefined for the tenant's first receipt). */
export function nextReceipt(
  key: Buffer,
  previous: Pick<Receipt, 'seq' | 'hash'> | undefined,
  input: ReceiptInput,
  receiptId: string = randomUUID(),
): { receipt: Receipt; head: ChainHead } {
  const body = {
    ...input,
    receiptId,
    seq: (previous?.seq ?? 0) + 1,
    prevHash: previous?.hash ?? genesisHash(key, input.tenantId),
  };
  const receipt: Receipt = { ...body, hash: receiptHash(key, body) };
  return { receipt, head: makeHead(key, input.tenantId, receipt.seq, receipt.hash) };
}

export function makeHead(key: Buffer, tenantId: string, seq: number, hash: string): ChainHead {
  return { tenantId, seq, hash, mac: headMac(key, tenantId, seq, hash) };
}

export type ChainProblem =
  | { code: 'receipt.modified'; seq: number }
  | { code: 'receipt.broken-link'; seq: number }
  | { code: 'receipt.gap-or-reorder'; expectedSeq: number; foundSeq: number }
  | { code: 'receipt.foreign-tenant'; seq: number }
  | { code: 'head.invalid' }
  | { code: 'head.missing'; lastSeq: number }
  | { code: 'chain.truncated'; headSeq: number; lastSeq: number };

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A verified position to continue from: the chain up to `seq` ends in `hash`. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

/**
 * Verifies one tenant's chain in stored order. Returns every problem found (empty = intact).
 * `head` is the separately stored chain head; without it truncation of the tail is undetectable.
 * With `from`, `receipts` are the part after that verified position (a checkpoint) — so a new
 * checkpoint costs only the receipts appended since the last one.
 */
export function verifyChain(
  key: Buffer,
  tenantId: string,
  receipts: readonly Receipt[],
  head?: ChainHead,
  from: ChainAnchor = { seq: 0, hash: genesisHash(key, tenantId) },
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prevHash = from.hash;
  receipts.forEach((r, index) => {
    const expectedSeq = from.seq + index + 1;
    if (r.tenantId !== tenantId) problems.push({ code: 'receipt.foreign-tenant', seq: r.seq });
    if (r.seq !== expectedSeq)
      problems.push({ code: 'receipt.gap-or-reorder', expectedSeq, foundSeq: r.seq });
    const { hash, ...body } = r;
    if (!sameHex(hash, receiptHash(key, body))) problems.push({ code: 'receipt.modified', seq: r.seq });
    if (!sameHex(r.prevHash, prevHash)) problems.push({ code: 'receipt.broken-link', seq: r.seq });
    prevHash = r.hash;
  });
  const last = receipts[receipts.length - 1];
  // The head is written in the same transaction as every receipt: receipts without one were cut.
  if (!head) {
    if (last) problems.push({ code: 'head.missing', lastSeq: last.seq });
  } else if (head.tenantId !== tenantId || !sameHex(head.mac, headMac(key, tenantId, head.seq, head.hash))) {
    problems.push({ code: 'head.invalid' });
  } else {
    const lastSeq = last?.seq ?? from.seq;
    const lastHash = last?.hash ?? from.hash;
    if ((lastSeq !== head.seq || !sameHex(lastHash, head.hash)) && (head.seq > 0 || last))
      problems.push({ code: 'chain.truncated', headSeq: head.seq, lastSeq });
  }
  return problems;
}
