// Calls that finish at the same moment share one commit of their notes (and analytics) on
// SQLite, and nothing of the crash guarantees moves: `accept` resolves only once its note is on
// disk, a note is stored whole or not at all, a data key is durable before its note's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../flow/record/schema';
import { createLogger } from '../../log';
import { capture } from '../../log/capture.test-helper';
import { createRecords } from '../../records/services';
import type { Store } from '../types';
import { createSqliteStore } from './index';
import { WriteBatch, type Transaction } from './write-batch';

const MASTER_KEY = Buffer.alloc(32, 0x5a);
let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'callflow-batch-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(onBatchCommit?: (writes: number) => void): Store {
  return createSqliteStore({
    file: path.join(dir, 'callflow.db'),
    ...(onBatchCommit ? { onBatchCommit } : {}),
  });
}

function recordsOn(store: Store) {
  return createRecords({
    store,
    masterKey: MASTER_KEY,
    logger: createLogger({ level: 'error', destination: capture().destination }),
    now: Date.now,
  });
}

function finishedCall(tenantId: string, n: number) {
  const record: CallRecord = {
    recordVersion: 1,
    txId: `tx_batch_${n}`,
    flowId: 'arztpraxis',
    flowContentHash: 'a'.repeat(64),
    startedAt: '2026-03-25T08:00:00.000Z',
    endedAt: '2026-03-25T08:03:00.000Z',
    test: false,
    language: 'de-DE',
    consent: 'given',
    fields: { name: { value: `Anna ${n}`, source: 'speech', confirmed: false } },
    missingFields: [],
    concern: `Rezept ${n}`,
    flags: [],
    priority: 'normal',
    outcome: 'completed',
  };
  return {
    tenantId,
    flowId: 'arztpraxis',
    flowVersion: 1,
    record,
    callerNumber: '+4917123456789',
    retention: { mode: 'archive' as const },
    zeroPersistence: false,
    delivery: { inbox: true },
  };
}

describe('sqlite write batch: calls finishing together share a commit', () => {
  it('30 notes accepted at once: fewer commits than notes, each readable once accepted and after a restart', async () => {
    const commits: number[] = [];
    const store = open((writes) => commits.push(writes));
    const { id: tenantId } = await store.tenants.create('Praxis');
    const records = recordsOn(store);
    const calls = Array.from({ length: 30 }, (_, i) => finishedCall(tenantId, i));
    const readable = await Promise.all(
      calls.map(async (c) => {
        await records.accept(c);
        return (await records.inbox.read(tenantId, c.record.txId))?.record.concern; // durable means readable now
      }),
    );
    expect(readable).toEqual(calls.map((c) => c.record.concern));
    expect(commits.reduce((a, b) => a + b, 0)).toBe(30);
    expect(commits.length).toBeLessThan(30);
    records.stop();
    store.close();

    const restarted = open();
    const again = recordsOn(restarted);
    const items = await again.inbox.list(tenantId);
    expect(items.map((i) => i.record.concern).sort()).toEqual(calls.map((c) => c.record.concern).sort());
    again.stop();
    restarted.close();
  });

  it('a note that cannot be stored fails alone: the others of its batch are stored whole', async () => {
    const store = open();
    const { id: tenantId } = await store.tenants.create('Praxis');
    const records = recordsOn(store);
    await records.accept(finishedCall(tenantId, 1));
    const outcomes = await Promise.allSettled([
      records.accept(finishedCall(tenantId, 2)),
      records.accept(finishedCall(tenantId, 1)), // the same txId again: refused by the primary key
      records.accept(finishedCall(tenantId, 3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await store.callNotes.list(tenantId);
    expect(stored.map((n) => n.txId).sort()).toEqual(['tx_batch_1', 'tx_batch_2', 'tx_batch_3']);
    expect((await store.callNotes.get(tenantId, 'tx_batch_2'))?.subjectKeys.length).toBeGreaterThan(0);
    records.stop();
    store.close();
  });

  it('closing the store commits what is still waiting (a shutdown loses no accepted note)', async () => {
    const store = open();
    const { id: tenantId } = await store.tenants.create('Praxis');
    const records = recordsOn(store);
    const accepted = records.accept(finishedCall(tenantId, 7));
    await new Promise((resolve) => setImmediate(resolve)); // queued, its timer not yet run
    store.close();
    await accepted;
    records.stop();
    const restarted = open();
    expect(await restarted.callNotes.get(tenantId, 'tx_batch_7')).toBeDefined();
    restarted.close();
  });
});

describe('write batch: the order of durable steps', () => {
  /** A transaction that logs its begin/commit; `failCommit` makes the outermost commit throw. */
  function fakeDb(name: string, log: string[], failCommit = false): Transaction {
    let depth = 0;
    return <T>(fn: () => T): T => {
      const outer = depth === 0;
      log.push(outer ? `${name}:begin` : `${name}:savepoint`);
      depth++;
      try {
        const r = fn();
        if (outer && failCommit) throw new Error('disk I/O error');
        if (outer) log.push(`${name}:commit`);
        return r;
      } finally {
        depth--;
      }
    };
  }

  it('commits every key before any rows, and resolves only after both commits', async () => {
    const log: string[] = [];
    const batch = new WriteBatch({ main: fakeDb('rows', log), keys: fakeDb('keys', log) });
    const results = [1, 2].map((n) =>
      batch
        .run({ key: () => log.push(`key${n}`), rows: () => (log.push(`row${n}`), n) })
        .then((v) => (log.push(`resolved${v}`), v)),
    );
    expect(await Promise.all(results)).toEqual([1, 2]);
    expect(log).toEqual([
      'keys:begin',
      'keys:savepoint',
      'key1',
      'keys:savepoint',
      'key2',
      'keys:commit',
      'rows:begin',
      'rows:savepoint',
      'row1',
      'rows:savepoint',
      'row2',
      'rows:commit',
      'resolved1',
      'resolved2',
    ]);
  });

  it('a failed commit rejects every write of the batch: none is reported durable', async () => {
    const log: string[] = [];
    const batch = new WriteBatch({ main: fakeDb('rows', log, true), keys: fakeDb('keys', log) });
    const outcomes = await Promise.allSettled(
      [1, 2].map((n) => batch.run({ key: () => undefined, rows: () => n })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('while writes are rare, a write commits at the end of its turn: no added wait', async () => {
    const batch = new WriteBatch({ main: fakeDb('rows', []), keys: fakeDb('keys', []), maxDelayMs: 60_000 });
    let done = false;
    void batch.run({ rows: () => 1 }).then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(true);
  });

  it('once a commit held several writes, later ones wait for company (one commit, not one each)', async () => {
    const commits: number[] = [];
    const batch = new WriteBatch({
      main: fakeDb('rows', []),
      keys: fakeDb('keys', []),
      onCommit: (n) => commits.push(n),
    });
    await Promise.all([batch.run({ rows: () => 1 }), batch.run({ rows: () => 2 })]); // calls finishing together
    const later = [batch.run({ rows: () => 3 })];
    await new Promise((resolve) => setImmediate(resolve)); // the next write comes a turn later
    later.push(batch.run({ rows: () => 4 }));
    expect(await Promise.all(later)).toEqual([3, 4]);
    expect(commits).toEqual([2, 2]);
  });

  it('writes without a key (analytics) leave the key store alone', async () => {
    const log: string[] = [];
    const batch = new WriteBatch({ main: fakeDb('rows', log), keys: fakeDb('keys', log) });
    await Promise.all([1, 2].map((n) => batch.run({ rows: () => n })));
    expect(log.filter((l) => l.startsWith('keys'))).toEqual([]);
  });

  it('a write whose key failed writes no rows', async () => {
    const log: string[] = [];
    const batch = new WriteBatch({ main: fakeDb('rows', log), keys: fakeDb('keys', log) });
    const outcomes = await Promise.allSettled([
      batch.run({
        key: () => {
          throw new Error('key refused');
        },
        rows: () => log.push('row1'),
      }),
      batch.run({ key: () => undefined, rows: () => log.push('row2') }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
    expect(log.filter((l) => l.startsWith('row'))).toEqual([
      'rows:begin',
      'rows:savepoint',
      'row2',
      'rows:commit',
    ]);
  });
});
