// The checkpoint and receipts-webhook repositories on every dialect: one checkpoint per position
// even when two instances sign at once, the newest (final first) as "latest", the chains that moved
// past their checkpoint, signing keys kept for good, and webhook deliveries claimed by one sender.
import { expect, it } from 'vitest';
import { signCheckpoint, signingKeyFromSeed, type Checkpoint } from '../../engine/src/privacy/checkpoints';
import type { Store } from '../../engine/src/store/types';
import { describeStores } from './describe-stores';

const signer = signingKeyFromSeed(Buffer.alloc(32, 5));
const cp = (tenantId: string, count: number, final = false, time = '2026-11-01T00:00:00.000Z'): Checkpoint =>
  signCheckpoint(signer, { tenantId, count, headHash: count.toString(16).padStart(64, '0'), time, final });

describeStores('receipt checkpoints store', (d) => {
  async function twoTenants(): Promise<{
    store: Store;
    a: string;
    b: string;
    run: (q: string, p?: unknown[]) => Promise<void>;
  }> {
    const { store, run } = await d.open();
    return { store, run, a: (await store.tenants.create('A')).id, b: (await store.tenants.create('B')).id };
  }

  it('keeps one checkpoint per position, newest first, final before regular, per tenant', async () => {
    const { store, a, b } = await twoTenants();
    expect(await store.checkpoints.latest(a)).toBeUndefined();
    await store.checkpoints.add(a, cp(a, 1));
    await store.checkpoints.add(a, cp(a, 3));
    // Two instances signing the same position at once: both get the one that was kept.
    const [x, y] = await Promise.all([
      store.checkpoints.add(a, cp(a, 5, false, '2026-11-02T00:00:00.000Z')),
      store.checkpoints.add(a, cp(a, 5, false, '2026-11-03T00:00:00.000Z')),
    ]);
    expect(x).toEqual(y);
    await store.checkpoints.add(a, cp(a, 5, true));
    expect(await store.checkpoints.latest(a)).toMatchObject({ count: 5, final: true });
    expect((await store.checkpoints.list(a, { limit: 10 })).map((c) => [c.count, c.final])).toEqual([
      [5, true],
      [5, false],
      [3, false],
      [1, false],
    ]);
    expect(await store.checkpoints.list(b, { limit: 10 })).toEqual([]);
    await expect(store.checkpoints.add(b, cp(a, 7))).rejects.toThrow();
  });

  it('lists the chains whose head moved past their latest checkpoint', async () => {
    const { store, run, a, b } = await twoTenants();
    const head = (t: string, seq: number) =>
      run('INSERT INTO receipt_heads (tenant_id, seq, hash, mac) VALUES (?, ?, ?, ?)', [t, seq, 'h', 'm']);
    await head(a, 4);
    await head(b, 2);
    expect(await store.checkpoints.behindHeads()).toEqual([a, b].sort());
    await store.checkpoints.add(a, cp(a, 4));
    await store.checkpoints.add(b, cp(b, 1));
    expect(await store.checkpoints.behindHeads()).toEqual([b]);
  });

  it('keeps every signing key once, with the time it was first used', async () => {
    const { store } = await twoTenants();
    const other = signingKeyFromSeed(Buffer.alloc(32, 6));
    await store.checkpoints.registerKey(signer, 1000);
    await store.checkpoints.registerKey(signer, 2000);
    await store.checkpoints.registerKey(other, 3000);
    expect(await store.checkpoints.keys()).toEqual([
      { keyId: signer.keyId, publicKey: signer.publicKey, createdAt: 1000 },
      { keyId: other.keyId, publicKey: other.publicKey, createdAt: 3000 },
    ]);
  });

  it('keeps a deleted organisation’s checkpoints (with its receipts) but drops its webhook', async () => {
    const { store, run, a } = await twoTenants();
    await store.checkpoints.add(a, cp(a, 2, true));
    await store.receiptWebhooks.set(a, 'https://example.org/hook', 0);
    await run('DELETE FROM tenants WHERE id = ?', [a]);
    expect(await store.checkpoints.latest(a)).toMatchObject({ count: 2, final: true });
    expect(await store.receiptWebhooks.get(a)).toBeUndefined();
  });

  it('sends a webhook only what it has not received, claimed by one sender at a time', async () => {
    const { store, a, b } = await twoTenants();
    const hooks = store.receiptWebhooks;
    await hooks.set(a, 'https://a.example/hook', 100);
    await hooks.set(b, 'https://b.example/hook', 100);
    expect(await hooks.due(100)).toEqual([]); // nothing to send yet
    await store.checkpoints.add(a, cp(a, 0));
    expect(await hooks.due(100)).toEqual([a]); // a new URL gets the current checkpoint first
    expect(await hooks.due(99)).toEqual([]);

    const [one, two] = await Promise.all([hooks.claim(a, 100, 60_100), hooks.claim(a, 100, 60_100)]);
    expect([one, two].sort()).toEqual([false, true]);
    expect(await hooks.due(1000)).toEqual([]); // held by the claim
    await hooks.failed(a, 1, 10_100);
    expect(await hooks.get(a)).toMatchObject({ attempts: 1, nextAttemptAt: 10_100 });
    await hooks.delivered(a, { count: 0, final: false }, 10_100);
    expect(await hooks.due(20_000)).toEqual([]);
    await store.checkpoints.add(a, cp(a, 3));
    expect(await hooks.due(20_000)).toEqual([a]);
    await hooks.delivered(a, { count: 3, final: false }, 20_000);
    await store.checkpoints.add(a, cp(a, 3, true));
    expect(await hooks.due(20_000)).toEqual([a]); // the final checkpoint at the same position, too
    expect(await hooks.get(a)).toMatchObject({
      url: 'https://a.example/hook',
      delivered: { count: 3, final: false },
      attempts: 0,
    });

    await hooks.set(a, 'https://a.example/new', 30_000);
    expect(await hooks.get(a)).toMatchObject({ delivered: { count: -1, final: false }, attempts: 0 });
    await hooks.set(a, null, 30_000);
    expect(await hooks.get(a)).toBeUndefined();
    expect(await hooks.due(40_000)).toEqual([]);
  });
});
