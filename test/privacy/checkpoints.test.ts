// Issue 21's done-when, on every dialect: no tamper case passes verification when the tenant
// presents its latest checkpoint — not even when the operator, who holds the master key, also
// re-MACs the head and deletes the server's own checkpoints. Plus: purges sign what moved, a
// master-key rotation keeps old checkpoints verifiable, a closed chain verifies as closed, and the
// receipts webhook gets each checkpoint signed like a call note.
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../engine/src/delivery/signature';
import { capture, expectValid } from '../../engine/src/log/capture.test-helper';
import { createLogger } from '../../engine/src/log/index';
import { checkSignature, type Checkpoint } from '../../engine/src/privacy/checkpoints';
import { makeHead, type ChainHead } from '../../engine/src/privacy/receipts';
import { ChainRefusedError } from '../../engine/src/records/checkpoints';
import { receiptKey } from '../../engine/src/records/derived-keys';
import { verifyDataDir } from '../../engine/src/records/offline-receipts';
import { createRecords } from '../../engine/src/records/services';
import { describeStores } from '../store/describe-stores';
import type { TestDatabase } from '../store/test-databases';
import { deletedNotes } from './records-env';
import { webhookReceiver } from './server-env';

const MASTER = Buffer.alloc(32, 0x21);
const ROTATED = Buffer.alloc(32, 0x22);
const ROOT = path.resolve(import.meta.dirname, '../..');

const receivers: Awaited<ReturnType<typeof webhookReceiver>>[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

const codes = (v: { problems: { code: string }[] }) => [...new Set(v.problems.map((p) => p.code))];

describeStores('receipt checkpoints', (d) => {
  async function setup() {
    let clock = Date.parse('2026-11-02T09:00:00Z');
    const now = () => clock;
    const db = await d.open({ now });
    const a = (await db.store.tenants.create('Praxis am See')).id;
    const b = (await db.store.tenants.create('Kanzlei am Markt')).id;
    const logs = capture();
    const logger = createLogger({ level: 'debug', destination: logs.destination });
    const recordsWith = (masterKey: Buffer) => createRecords({ store: db.store, masterKey, logger, now });
    const records = recordsWith(MASTER);
    const deletions = (tenantId: string, n: number, by = records) =>
      deletedNotes(by, tenantId, n, 'Kontrollpunkt');
    return {
      db,
      a,
      b,
      logs,
      records,
      recordsWith,
      deletions,
      advance: (ms: number) => void (clock += ms),
    };
  }

  it('a purge signs a checkpoint for each chain that moved since its last one, and only then', async () => {
    const { db, a, b, records, deletions, logs } = await setup();
    await deletions(a, 3);
    await records.purge();
    expect(await db.store.checkpoints.latest(a)).toMatchObject({ tenantId: a, count: 3, final: false });
    expect(await db.store.checkpoints.latest(b)).toBeUndefined(); // no receipts, nothing to sign
    await records.purge();
    expect(await db.store.checkpoints.list(a, { limit: 10 })).toHaveLength(1);
    await deletions(a, 2);
    await records.purge();
    const [latest] = await db.store.checkpoints.list(a, { limit: 10 });
    expect(latest.count).toBe(5);
    const keys = new Map((await records.checkpoints.publicKeys()).map((k) => [k.keyId, k.publicKey]));
    expect(checkSignature(latest, keys)).toBe('ok');
    expect(await records.verifyReceipts(a)).toMatchObject({ ok: true, count: 5, checkpoints: 1 });
    const lines = logs.lines().filter((l) => l.event === 'receipts.checkpoint');
    expect(lines.map((l) => l.seq)).toEqual([3, 5]);
    for (const line of logs.lines()) expectValid(line);
    expect(logs.raw()).not.toContain('Kontrollpunkt');
  });

  // Each case is what an operator with the master key and database access could do. Every case
  // also deletes the server's own checkpoints: only the tenant's copy is left to tell.
  type Env = Awaited<ReturnType<typeof setup>>;
  const headRow = async (db: TestDatabase, tenantId: string) => (await db.store.receipts.head(tenantId))!;
  const putHead = (db: TestDatabase, h: ChainHead) =>
    db.run('UPDATE receipt_heads SET seq = ?, hash = ?, mac = ? WHERE tenant_id = ?', [
      h.seq,
      h.hash,
      h.mac,
      h.tenantId,
    ]);
  const TAMPER: { name: string; expect: string[]; tamper: (e: Env, oldHead: ChainHead) => Promise<void> }[] =
    [
      {
        name: 'a modified receipt',
        expect: ['receipt.modified'],
        tamper: ({ db, a }) =>
          db.run("UPDATE deletion_receipts SET reason = 'expired' WHERE tenant_id = ? AND seq = 2", [a]),
      },
      {
        name: 'a deleted receipt in the middle',
        expect: ['receipt.gap-or-reorder'],
        tamper: ({ db, a }) => db.run('DELETE FROM deletion_receipts WHERE tenant_id = ? AND seq = 3', [a]),
      },
      {
        name: 'reordered receipts',
        expect: ['receipt.modified', 'receipt.broken-link'],
        tamper: async ({ db, a }) => {
          const swap = 'UPDATE deletion_receipts SET seq = ? WHERE tenant_id = ? AND seq = ?';
          await db.run(swap, [-1, a, 2]);
          await db.run(swap, [2, a, 3]);
          await db.run(swap, [3, a, -1]);
        },
      },
      {
        name: 'a truncated tail with the head re-MACed to match',
        expect: ['checkpoint.missing-receipts'],
        tamper: async ({ db, a }) => {
          await db.run('DELETE FROM deletion_receipts WHERE tenant_id = ? AND seq > 3', [a]);
          const [third] = await db.store.receipts.list(a, { afterSeq: 2, limit: 1 });
          await putHead(db, makeHead(receiptKey(MASTER), a, 3, third.hash));
        },
      },
      {
        name: 'a truncated tail with the head removed',
        expect: ['head.missing', 'checkpoint.missing-receipts'],
        tamper: async ({ db, a }) => {
          await db.run('DELETE FROM deletion_receipts WHERE tenant_id = ? AND seq > 3', [a]);
          await db.run('DELETE FROM receipt_heads WHERE tenant_id = ?', [a]);
        },
      },
      {
        name: 'a rollback to an old head (from a backup)',
        expect: ['checkpoint.missing-receipts'],
        tamper: async ({ db, a }, oldHead) => {
          await db.run('DELETE FROM deletion_receipts WHERE tenant_id = ? AND seq > 3', [a]);
          await putHead(db, oldHead);
        },
      },
      {
        name: 'a rollback, then other deletions appended up to the same count',
        expect: ['checkpoint.mismatch'],
        tamper: async (e, oldHead) => {
          await e.db.run('DELETE FROM deletion_receipts WHERE tenant_id = ? AND seq > 3', [e.a]);
          await putHead(e.db, oldHead);
          await e.deletions(e.a, 2);
        },
      },
      {
        name: "an organisation's receipts and head erased",
        expect: ['checkpoint.missing-receipts'],
        tamper: async ({ db, a }) => {
          await db.run('DELETE FROM deletion_receipts WHERE tenant_id = ?', [a]);
          await db.run('DELETE FROM receipt_heads WHERE tenant_id = ?', [a]);
        },
      },
      {
        name: 'receipts moved to another organisation',
        expect: ['chain.truncated', 'checkpoint.missing-receipts'],
        tamper: ({ db, a, b }) =>
          db.run('UPDATE deletion_receipts SET tenant_id = ? WHERE tenant_id = ? AND seq > 3', [b, a]),
      },
    ];

  for (const tc of TAMPER) {
    it(`catches ${tc.name} given the tenant's latest checkpoint`, async () => {
      const e = await setup();
      await e.deletions(e.a, 3);
      const oldHead = await headRow(e.db, e.a);
      await e.deletions(e.a, 2);
      await e.deletions(e.b, 1);
      const held = await e.records.checkpoints.current(e.a); // what the tenant downloaded
      expect(held.count).toBe(5);
      expect(await e.records.verifyReceipts(e.a, [held])).toMatchObject({ ok: true });

      await tc.tamper(e, oldHead);
      await e.db.run('DELETE FROM receipt_checkpoints');
      const verdict = await e.records.verifyReceipts(e.a, [held]);
      expect(verdict.ok).toBe(false);
      expect(codes(verdict)).toEqual(expect.arrayContaining(tc.expect));
    });
  }

  it('refuses to sign a chain that does not extend its own latest checkpoint', async () => {
    const e = await setup();
    await e.deletions(e.a, 3);
    const oldHead = await headRow(e.db, e.a);
    await e.deletions(e.a, 2);
    await e.records.purge();
    await e.db.run('DELETE FROM deletion_receipts WHERE tenant_id = ? AND seq > 3', [e.a]);
    await putHead(e.db, oldHead);
    // Without any checkpoint this rollback looks like an intact chain of 3 …
    await expect(e.records.checkpoints.current(e.a)).rejects.toBeInstanceOf(ChainRefusedError);
    await e.records.purge(); // … and the purge does not sign it either.
    expect(await e.db.store.checkpoints.latest(e.a)).toMatchObject({ count: 5 });
    expect(e.logs.lines().filter((l) => l.outcome === 'rejected')).not.toHaveLength(0);
  });

  it('keeps old checkpoints verifiable after a master-key rotation', async () => {
    const e = await setup();
    await e.deletions(e.a, 3);
    const before = await e.records.checkpoints.current(e.a);
    const rotated = e.recordsWith(ROTATED);
    // A rotation re-wraps the tenant keys under the new master key; with every note of this test
    // already deleted, a fresh tenant key stands in for that.
    await e.db.run('DELETE FROM tenant_keys');
    await e.deletions(e.a, 2, rotated);
    // The new key continues the chain from the checkpoint the old key signed …
    const after = await rotated.checkpoints.current(e.a);
    expect(after).toMatchObject({ count: 5 });
    expect(after.keyId).not.toBe(before.keyId);
    // … and both keys are published by key id, so a tenant holding either checkpoint can check it.
    const keys = new Map((await rotated.checkpoints.publicKeys()).map((k) => [k.keyId, k.publicKey]));
    expect([...keys.keys()].sort()).toEqual([before.keyId, after.keyId].sort());
    expect(checkSignature(before, keys)).toBe('ok');
    const checkpointProblems = (v: { problems: { code: string }[] }) =>
      v.problems.filter((p) => p.code.startsWith('checkpoint.'));
    expect(checkpointProblems(await rotated.verifyReceipts(e.a, [before, after]))).toEqual([]);
    // The old checkpoint still catches a rollback behind it.
    await e.db.run('DELETE FROM deletion_receipts WHERE tenant_id = ? AND seq > 2', [e.a]);
    await e.db.run('DELETE FROM receipt_checkpoints');
    expect(codes(await rotated.verifyReceipts(e.a, [before]))).toContain('checkpoint.missing-receipts');
  });

  it("closes a deleted organisation's chain with a final checkpoint: verifies as closed, not truncated", async () => {
    const e = await setup();
    await e.deletions(e.a, 4);
    const final = await e.records.checkpoints.close(e.a);
    expect(final).toMatchObject({ count: 4, final: true });
    expect(await e.records.checkpoints.current(e.a)).toEqual(final); // nothing is signed after it
    expect(await e.records.verifyReceipts(e.a, [final])).toMatchObject({ ok: true, closed: true });

    // The organisation row goes; its chain and final checkpoint stay and still verify as closed.
    await e.db.run('DELETE FROM tenants WHERE id = ?', [e.a]);
    expect(await e.records.verifyReceipts(e.a, [final])).toMatchObject({ ok: true, closed: true, count: 4 });
    await e.records.purge();
    expect(await e.db.store.checkpoints.list(e.a, { limit: 10 })).toHaveLength(1);
    if (e.db.dialect === 'sqlite') {
      const offline = verifyDataDir(e.db.dir, MASTER, { dbFile: 'callflow.sqlite' });
      expect(offline.get(e.a)).toMatchObject({ ok: true, closed: true, count: 4 });
      expect(offline.get(e.b)).toMatchObject({ ok: true, count: 0 });
    }
  });

  it('catches receipts appended after the chain was closed', async () => {
    const e = await setup();
    await e.deletions(e.a, 2);
    const final = await e.records.checkpoints.close(e.a);
    await e.deletions(e.a, 1);
    expect(codes(await e.records.verifyReceipts(e.a, [final]))).toEqual(['chain.reopened']);
  });

  it('sends each new checkpoint to the receipts webhook, signed like a call note, retried on failure', async () => {
    const e = await setup();
    const receiver = await webhookReceiver();
    receivers.push(receiver);
    await e.db.store.receiptWebhooks.set(e.a, receiver.url, Date.parse('2026-11-02T09:00:00Z'));
    await e.deletions(e.a, 2);
    receiver.statuses.push(500);
    await e.records.purge(); // signs #2, the receiver fails
    expect(receiver.seen).toHaveLength(1);
    await e.records.purge(); // not due yet (10 s backoff on the clock)
    expect(receiver.seen).toHaveLength(1);
    e.advance(10_000);
    await e.records.purge();
    expect(receiver.seen).toHaveLength(2);
    await e.records.purge(); // delivered: nothing more to send
    expect(receiver.seen).toHaveLength(2);

    const { headers, body } = receiver.seen[1];
    const signature = headers['callflow-signature'] as string;
    expect(verifyWebhookSignature(e.records.webhookSecret(e.a), signature, body, Date.now() / 1000)).toBe(
      'ok',
    );
    expect(headers['idempotency-key']).toBe(`checkpoint:${e.a}:2`);
    const payload = JSON.parse(body) as { type: string; checkpoint: Checkpoint };
    expect(payload.type).toBe('receipts.checkpoint');
    expect(payload.checkpoint).toEqual(await e.db.store.checkpoints.latest(e.a));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(ROOT, 'schemas/webhook.v1.schema.json'), 'utf8')) as object,
    );
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
    expect(body).not.toContain('Kontrollpunkt');
  });
});
