import { describe, expect, it } from 'vitest';
import { makeHead, nextReceipt, verifyChain, type ChainHead, type Receipt } from './receipts';

const key = Buffer.alloc(32, 7);
const tenant = 'tenant-a';

function chain(n: number): { receipts: Receipt[]; head: ChainHead } {
  const receipts: Receipt[] = [];
  let head = makeHead(key, tenant, 0, '00');
  for (let i = 0; i < n; i++) {
    const next = nextReceipt(key, receipts[i - 1], {
      txId: `tx-${i}`,
      tenantId: tenant,
      reason: i % 2 ? 'expired' : 'delivered',
      deletedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
      keyId: `key-${i}`,
    });
    receipts.push(next.receipt);
    head = next.head;
  }
  return { receipts, head };
}

const codes = (problems: { code: string }[]) => [...new Set(problems.map((p) => p.code))];

describe('deletion receipt chain', () => {
  it('verifies an intact chain', () => {
    const { receipts, head } = chain(5);
    expect(verifyChain(key, tenant, receipts, head)).toEqual([]);
  });

  it('detects a modified receipt (e.g. a changed deletion time)', () => {
    const { receipts, head } = chain(5);
    receipts[2] = { ...receipts[2], deletedAt: '2026-12-24T00:00:00.000Z' };
    expect(codes(verifyChain(key, tenant, receipts, head))).toContain('receipt.modified');
  });

  it('detects a deleted receipt in the middle', () => {
    const { receipts, head } = chain(5);
    receipts.splice(1, 1);
    expect(codes(verifyChain(key, tenant, receipts, head))).toEqual(
      expect.arrayContaining(['receipt.gap-or-reorder', 'receipt.broken-link']),
    );
  });

  it('detects reordering', () => {
    const { receipts, head } = chain(5);
    [receipts[1], receipts[2]] = [receipts[2], receipts[1]];
    expect(codes(verifyChain(key, tenant, receipts, head))).toContain('receipt.gap-or-reorder');
  });

  it('detects truncation of the tail through the stored head', () => {
    const { receipts, head } = chain(5);
    expect(codes(verifyChain(key, tenant, receipts.slice(0, 3), head))).toEqual(['chain.truncated']);
    expect(codes(verifyChain(key, tenant, [], head))).toEqual(['chain.truncated']);
  });

  it('detects a forged head and receipts forged without the server key', () => {
    const { receipts, head } = chain(3);
    expect(codes(verifyChain(key, tenant, receipts, { ...head, seq: 2 }))).toContain('head.invalid');
    const forged = chain(3);
    const otherKey = Buffer.alloc(32, 9);
    expect(verifyChain(otherKey, tenant, forged.receipts, forged.head).length).toBeGreaterThan(0);
  });

  it('keeps receipts of one tenant out of another tenant chain', () => {
    const { receipts } = chain(2);
    expect(codes(verifyChain(key, 'tenant-b', receipts))).toContain('receipt.foreign-tenant');
  });

  it('holds only ids, a reason and a time — no personal content', () => {
    const { receipts } = chain(1);
    expect(Object.keys(receipts[0]).sort()).toEqual(
      ['deletedAt', 'hash', 'keyId', 'prevHash', 'reason', 'receiptId', 'seq', 'tenantId', 'txId'].sort(),
    );
  });
});
