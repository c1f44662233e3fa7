import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainVerdict } from './chain-verdict';
import {
  asCheckpoint,
  checkCheckpoints,
  checkSignature,
  publicKeyPem,
  signCheckpoint,
  signingKeyFromSeed,
  type Checkpoint,
} from './checkpoints';
import { genesisHash, makeHead, nextReceipt, type ChainHead, type Receipt } from './receipts';

const hmacKey = Buffer.alloc(32, 7);
const signer = signingKeyFromSeed(Buffer.alloc(32, 11));
const keys = new Map([[signer.keyId, signer.publicKey]]);
const tenant = 'ten_a';

function chain(n: number, tenantId = tenant): { receipts: Receipt[]; head: ChainHead | undefined } {
  const receipts: Receipt[] = [];
  let head: ChainHead | undefined;
  for (let i = 0; i < n; i++) {
    const next = nextReceipt(hmacKey, receipts[i - 1], {
      txId: `tx-${i}`,
      tenantId,
      reason: 'expired',
      deletedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
      keyId: `key-${i}`,
    });
    receipts.push(next.receipt);
    head = next.head;
  }
  return { receipts, head };
}

function checkpointOf(receipts: readonly Receipt[], final = false): Checkpoint {
  const last = receipts.at(-1);
  return signCheckpoint(signer, {
    tenantId: tenant,
    count: receipts.length,
    headHash: last?.hash ?? genesisHash(hmacKey, tenant),
    time: '2026-11-02T00:00:00.000Z',
    final,
  });
}

const verdict = (receipts: Receipt[], head: ChainHead | undefined, checkpoints: Checkpoint[], gone = false) =>
  chainVerdict({ key: hmacKey, tenantId: tenant, receipts, head, checkpoints, keys, organisationGone: gone });
const codes = (v: { problems: { code: string }[] }) => [...new Set(v.problems.map((p) => p.code))];

describe('signed checkpoints', () => {
  it('are verifiable by the tenant from the documented message and the PEM public key alone', () => {
    const cp = checkpointOf(chain(3).receipts);
    const message = JSON.stringify([
      'callflow/receipt-checkpoint/v1',
      cp.tenantId,
      cp.count,
      cp.headHash,
      cp.time,
      cp.keyId,
      cp.final,
    ]);
    const pem = publicKeyPem(signer);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(
      verify(null, Buffer.from(message), createPublicKey(pem), Buffer.from(cp.signature, 'base64url')),
    ).toBe(true);
    expect(checkSignature(cp, keys)).toBe('ok');
  });

  it('reject any changed field, an unknown key and a malformed file', () => {
    const cp = checkpointOf(chain(3).receipts);
    for (const changed of [
      { ...cp, count: 2 },
      { ...cp, headHash: 'ab'.repeat(32) },
      { ...cp, tenantId: 'ten_b' },
      { ...cp, time: '2027-01-01T00:00:00.000Z' },
      { ...cp, final: true },
    ])
      expect(checkSignature(changed, keys)).toBe('bad-signature');
    expect(checkSignature({ ...cp, keyId: '0000000000000000' }, keys)).toBe('unknown-key');
    expect(asCheckpoint(JSON.parse(JSON.stringify(cp)))).toEqual(cp);
    expect(asCheckpoint({ ...cp, count: -1 })).toBeUndefined();
    expect(asCheckpoint({ ...cp, format: 'something-else' })).toBeUndefined();
    expect(asCheckpoint('nope')).toBeUndefined();
  });

  it('hold only ids, counts, hashes and a time — no personal content', () => {
    expect(Object.keys(checkpointOf(chain(1).receipts)).sort()).toEqual(
      ['count', 'final', 'format', 'headHash', 'keyId', 'signature', 'tenantId', 'time'].sort(),
    );
  });
});

describe('every tamper case is caught given the tenant’s latest checkpoint', () => {
  // The operator holds the HMAC key: each case below re-forges head MACs where that helps them.
  const setup = () => {
    const { receipts, head } = chain(6);
    return { receipts, head: head!, latest: checkpointOf(receipts) };
  };

  it('an intact chain that grew since the checkpoint verifies', () => {
    const { receipts, head } = chain(8);
    const v = verdict(receipts, head, [checkpointOf(receipts.slice(0, 6)), checkpointOf(receipts)]);
    expect(v).toMatchObject({ ok: true, count: 8, closed: false, checkpoints: 2, problems: [] });
  });

  it('modified receipt', () => {
    const { receipts, head, latest } = setup();
    receipts[2] = { ...receipts[2], reason: 'delivered' };
    expect(codes(verdict(receipts, head, [latest]))).toContain('receipt.modified');
  });

  it('deleted middle receipt', () => {
    const { receipts, head, latest } = setup();
    receipts.splice(2, 1);
    expect(verdict(receipts, head, [latest]).ok).toBe(false);
  });

  it('reordered receipts', () => {
    const { receipts, head, latest } = setup();
    [receipts[1], receipts[2]] = [receipts[2], receipts[1]];
    expect(codes(verdict(receipts, head, [latest]))).toContain('receipt.gap-or-reorder');
  });

  it('truncated tail with the head rewritten to match (re-MAC’d with the server key)', () => {
    const { receipts, latest } = setup();
    const kept = receipts.slice(0, 4);
    const forged = makeHead(hmacKey, tenant, 4, kept[3].hash);
    expect(verdict(kept, forged, []).ok).toBe(true); // without the checkpoint: undetectable
    expect(codes(verdict(kept, forged, [latest]))).toEqual(['checkpoint.missing-receipts']);
  });

  it('truncated tail with the head removed', () => {
    const { receipts, latest } = setup();
    expect(codes(verdict(receipts.slice(0, 4), undefined, [latest]))).toEqual(
      expect.arrayContaining(['head.missing', 'checkpoint.missing-receipts']),
    );
  });

  it('rolled back to an old head (a backup) and a different history appended', () => {
    const { receipts, latest } = setup();
    // Back to 3 receipts, then 3 other deletions appended: the count is the same, the head is not.
    const rewound = receipts.slice(0, 3);
    const { head } = chain(0);
    let h = head;
    for (let i = 0; i < 3; i++) {
      const next = nextReceipt(hmacKey, rewound.at(-1), {
        txId: `other-${i}`,
        tenantId: tenant,
        reason: 'manual',
        deletedAt: '2026-11-03T00:00:00.000Z',
        keyId: `k-${i}`,
      });
      rewound.push(next.receipt);
      h = next.head;
    }
    expect(verdict(rewound, h, []).ok).toBe(true);
    expect(codes(verdict(rewound, h, [latest]))).toEqual(['checkpoint.mismatch']);
  });

  it('erased receipts and head of a tenant', () => {
    const { latest } = setup();
    expect(verdict([], undefined, []).ok).toBe(true);
    expect(codes(verdict([], undefined, [latest]))).toEqual(['checkpoint.missing-receipts']);
  });

  it('receipts moved to another tenant', () => {
    const { receipts, head, latest } = setup();
    const moved = receipts.map((r, i) => (i >= 4 ? { ...r, tenantId: 'ten_b' } : r));
    // Tenant A lost two; tenant B got receipts whose HMAC names tenant A.
    expect(codes(verdict(moved.slice(0, 4), head, [latest]))).toEqual(
      expect.arrayContaining(['chain.truncated', 'checkpoint.missing-receipts']),
    );
    const b = chainVerdict({
      key: hmacKey,
      tenantId: 'ten_b',
      receipts: moved.slice(4),
      head: undefined,
      checkpoints: [latest],
      keys,
    });
    expect(codes(b)).toEqual(expect.arrayContaining(['receipt.modified', 'checkpoint.foreign-tenant']));
  });

  it('a forged checkpoint (signed with another key) proves nothing', () => {
    const { receipts, head } = chain(2);
    const stranger = signingKeyFromSeed(Buffer.alloc(32, 99));
    const forged = signCheckpoint(stranger, {
      tenantId: tenant,
      count: 2,
      headHash: receipts[1].hash,
      time: '2026-11-02T00:00:00.000Z',
      final: false,
    });
    expect(codes(verdict(receipts, head, [forged]))).toEqual(['checkpoint.unknown-key']);
  });
});

describe('a closed chain (deleted organisation)', () => {
  it('verifies as closed with its final checkpoint, and reopening it is caught', () => {
    const { receipts, head } = chain(3);
    const final = checkpointOf(receipts, true);
    expect(verdict(receipts, head, [final], true)).toMatchObject({ ok: true, closed: true });
    const after = nextReceipt(hmacKey, receipts[2], {
      txId: 'late',
      tenantId: tenant,
      reason: 'manual',
      deletedAt: '2026-12-01T00:00:00.000Z',
      keyId: 'k',
    });
    expect(codes(verdict([...receipts, after.receipt], after.head, [final], true))).toEqual([
      'chain.reopened',
    ]);
  });

  it('is reported when the organisation is gone without a final checkpoint', () => {
    const { receipts, head } = chain(3);
    expect(codes(verdict(receipts, head, [checkpointOf(receipts)], true))).toEqual(['chain.unclosed']);
  });

  it('an empty chain’s checkpoint links to the first receipt', () => {
    const { receipts, head } = chain(2);
    const empty = checkpointOf([]);
    expect(checkCheckpoints(tenant, receipts, [empty], keys).problems).toEqual([]);
    expect(verdict(receipts, head, [empty]).ok).toBe(true);
  });
});
