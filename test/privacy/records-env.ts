// A privacy-core environment on a real database of either dialect (test/store/test-databases.ts:
// SQLite files in a temp dir, or a fresh PostgreSQL schema), with its separate key store, the
// records services and a log capture — what the tests below drive and scan.
import type { CallRecord } from '../../engine/src/flow/record/schema';
import { capture } from '../../engine/src/log/capture.test-helper';
import { createLogger } from '../../engine/src/log';
import { Inbox } from '../../engine/src/records/inbox';
import { TenantKeyring } from '../../engine/src/records/keyring';
import type { RecordsServices } from '../../engine/src/records/services';
import { MemoryNotes } from '../../engine/src/records/memory-notes';
import { createShredder } from '../../engine/src/records/shredding';
import { StoreRecordSink } from '../../engine/src/records/store-sink';
import { SubjectRequests } from '../../engine/src/records/subject-requests';
import type { OpenOptions, TestDatabase } from '../store/test-databases';

export const MASTER_KEY = Buffer.alloc(32, 0x5a);
export const RECEIPT_KEY = Buffer.alloc(32, 0x3c);

/** `open` comes from describeStores (one fresh database per test, disposed after it). */
export async function recordsEnv(
  open: (opts: OpenOptions) => Promise<TestDatabase>,
  opts: { now?: () => number } = {},
) {
  let clock = Date.parse('2026-03-25T09:00:00+01:00');
  const now = opts.now ?? (() => clock);
  const db = await open({ now });
  for (const id of ['t_praxis', 't_kanzlei'])
    await db.run('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, 0)', [id, id]);
  const logs = capture();
  const log = createLogger({ level: 'debug', destination: logs.destination });
  const notes = db.store.callNotes;
  const keyring = new TenantKeyring(MASTER_KEY, db.store.tenantKeys);
  const shredder = createShredder(notes, RECEIPT_KEY, now, log);
  const memory = new MemoryNotes({ log, webhookSecret: async () => 'whsec_test' });
  return {
    db,
    dir: db.dir,
    logs,
    log,
    notes,
    receipts: db.store.receipts,
    keyring,
    shredder,
    memory,
    sink: new StoreRecordSink({ notes, keyring, now }),
    inbox: new Inbox({ notes, keyring, memory, shredder }),
    subjects: new SubjectRequests({ notes, keyring, memory, shredder }),
    now,
    advance(ms: number) {
      clock += ms;
    },
    /** The database itself is disposed by describeStores after the test. */
    close() {
      memory.stop();
    },
  };
}

export type RecordsEnv = Awaited<ReturnType<typeof recordsEnv>>;

let seq = 0;
/** A realistic call note whose every free-text value carries the canary. */
export function noteWith(canary: string, overrides: Partial<CallRecord> = {}): CallRecord {
  seq += 1;
  return {
    recordVersion: 1,
    txId: `tx_test_${seq}_${Date.now().toString(36)}`,
    flowId: 'arztpraxis',
    flowContentHash: 'a'.repeat(64),
    startedAt: '2026-03-25T08:00:00.000Z',
    endedAt: '2026-03-25T08:03:00.000Z',
    test: true,
    language: 'de-DE',
    consent: 'given',
    fields: {
      name: { value: `Anna ${canary}`, source: 'speech', confirmed: false },
      rueckrufnummer: { value: '+4917123456789', source: 'speech', confirmed: true },
      anliegen: { value: `Husten seit Tagen ${canary}`, source: 'speech', confirmed: false },
    },
    missingFields: [],
    concern: `Husten seit Tagen ${canary}`,
    callback: { number: '+4917123456789', priority: 'normal' },
    flags: [],
    priority: 'normal',
    outcome: 'completed',
    ...overrides,
  };
}

/** Stores `n` notes of the tenant and deletes them by hand: `n` receipts appended to its chain. */
export async function deletedNotes(
  records: Pick<RecordsServices, 'accept' | 'shredder'>,
  tenantId: string,
  n: number,
  canary = 'Löschnachweis',
): Promise<void> {
  for (let i = 0; i < n; i++) {
    const record = noteWith(canary);
    await records.accept({
      tenantId,
      flowId: 'f',
      flowVersion: null,
      record,
      retention: { mode: 'archive' },
      zeroPersistence: false,
      delivery: { inbox: true },
    });
    // Compaction (a VACUUM on PostgreSQL) is not what the callers test; the purge does it.
    await records.shredder.shred(tenantId, record.txId, 'manual', { compact: false });
  }
}
