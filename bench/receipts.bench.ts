// What signed checkpoints of the deletion-receipt chain cost on SQLite (a store file in a temp
// dir): a purge pass's checkpoint after 200 new deletions on a long chain (it verifies only what
// was appended since the last checkpoint), the first checkpoint of an existing chain (verifies all
// of it, once), and a full verification against a kept checkpoint (what GET/POST
// /api/receipts/verify and the CLI do). Goal: a purge pass's checkpoint under 50 ms (median) on a
// chain of 100,000 receipts, i.e. independent of the chain's length.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../engine/src/log/index';
import { nextReceipt, type ChainHead, type Receipt } from '../engine/src/privacy/receipts';
import { createCheckpoints } from '../engine/src/records/checkpoints';
import { checkpointSigningKey, receiptKey } from '../engine/src/records/derived-keys';
import { createSqliteStore } from '../engine/src/store/sqlite/index';
import { closeSqlite, openSqlite } from '../engine/src/store/sqlite/open';

export const name = 'receipts';
export const title = 'Receipt checkpoints: signing at each purge, verifying against kept ones';

const CHAIN = 100_000;
const APPENDED = 200;
const RUNS = 15;
const GOAL_MS = 50;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x: number) => x.toFixed(1);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run(): Promise<{ markdown: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'callflow-bench-receipts-'));
  const file = path.join(dir, 'callflow.db');
  const store = createSqliteStore({ file });
  const raw = openSqlite(file);
  const master = Buffer.alloc(32, 9);
  const hmacKey = receiptKey(master);
  try {
    const tenantId = (await store.tenants.create('Bench')).id;
    // Receipts as the shredder writes them (same rows, same chain), without notes to shred first.
    let previous: Receipt | undefined;
    let head: ChainHead | undefined;
    const insert = raw.client.prepare(
      `INSERT INTO deletion_receipts (tenant_id, seq, receipt_id, tx_id, reason, deleted_at, key_id, prev_hash, hash)
       VALUES (@tenantId, @seq, @receiptId, @txId, @reason, @deletedAt, @keyId, @prevHash, @hash)`,
    );
    const putHead = raw.client.prepare(
      `INSERT INTO receipt_heads (tenant_id, seq, hash, mac) VALUES (@tenantId, @seq, @hash, @mac)
       ON CONFLICT (tenant_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac`,
    );
    const append = raw.client.transaction((n: number) => {
      for (let i = 0; i < n; i++) {
        const next = nextReceipt(hmacKey, previous, {
          txId: `tx_${previous ? previous.seq + 1 : 1}`,
          tenantId,
          reason: 'expired',
          deletedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
          keyId: `dk_${i}`,
        });
        insert.run(next.receipt);
        previous = next.receipt;
        head = next.head;
      }
      putHead.run(head);
    });
    append(CHAIN);

    const log = createLogger({ level: 'silent' });
    const checkpoints = createCheckpoints({
      store,
      hmacKey,
      signingKey: checkpointSigningKey(master),
      now: Date.now,
      log,
    });
    const first = await timed(() => checkpoints.catchUp());
    const passes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      append(APPENDED);
      passes.push(await timed(() => checkpoints.catchUp()));
    }
    const kept = await checkpoints.current(tenantId);
    const verifies: number[] = [];
    for (let i = 0; i < 5; i++) verifies.push(await timed(() => checkpoints.verify(tenantId, [kept])));
    const verdict = await checkpoints.verify(tenantId, [kept]);
    if (!verdict.ok) throw new Error(`bench chain does not verify: ${verdict.problems[0]?.code}`);

    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
    const passMedian = median(passes);
    return {
      markdown: [
        `Chain of ${CHAIN.toLocaleString('en')} receipts of one organisation in a SQLite file; ${RUNS} purge passes with ${APPENDED} new receipts each. Load average during the run: ${load}.`,
        '',
        '| what | median (ms) | p95 (ms) |',
        '|---|---:|---:|',
        `| purge pass: checkpoint after ${APPENDED} new receipts (verify them, sign, keep) | ${ms(passMedian)} | ${ms(p95(passes))} |`,
        `| first checkpoint of the existing ${CHAIN.toLocaleString('en')}-receipt chain (verifies all of it, once) | ${ms(first)} | — |`,
        `| verify the whole chain (${verdict.count.toLocaleString('en')} receipts) against a kept checkpoint | ${ms(median(verifies))} | ${ms(p95(verifies))} |`,
        '',
        `Goal: a purge pass's checkpoint under ${GOAL_MS} ms (median) on a chain of ${CHAIN.toLocaleString('en')} receipts: ${ms(passMedian)} ms — ${passMedian < GOAL_MS ? 'meets the goal' : 'misses the goal'}.`,
      ].join('\n'),
    };
  } finally {
    closeSqlite(raw.client);
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
