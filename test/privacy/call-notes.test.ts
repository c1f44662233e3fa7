import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecryptionError } from '../../engine/src/privacy/envelope';
import { verifyChain } from '../../engine/src/privacy/receipts';
import { DAY_MS } from '../../engine/src/privacy/retention-plan';
import { purgeExpired } from '../../engine/src/records/purge';
import { openNote } from '../../engine/src/records/sealing';
import { describeStores } from '../store/describe-stores';
import { noteWith, RECEIPT_KEY, recordsEnv, type RecordsEnv } from './records-env';

const stored = { zeroPersistence: false, delivery: { inbox: true } } as const;

// The same suite on SQLite and (with CALLFLOW_TEST_DATABASE_URL) on PostgreSQL.
describeStores('privacy: call notes', (d) => {
  let env: RecordsEnv;
  beforeEach(async () => (env = await recordsEnv(d.open)));
  afterEach(() => env.close());

  function accept(
    record = noteWith('CANARY-x'),
    retention: Parameters<RecordsEnv['sink']['accept']>[0]['retention'] = { mode: 'ttl', days: 7 },
    tenantId = 't_praxis',
  ) {
    return env.sink
      .accept({ tenantId, flowId: 'arztpraxis', flowVersion: 1, record, retention, ...stored })
      .then(() => record);
  }

  describe('stored call notes (encrypted at rest)', () => {
    it('stores a note the inbox can read, with no canary in clear in any database file or log', async () => {
      const canary = `CANARY-${Math.random().toString(36).slice(2)}`;
      const record = await accept(noteWith(canary));
      const item = await env.inbox.read('t_praxis', record.txId);
      expect(item?.record.fields.name.value).toBe(`Anna ${canary}`);
      expect(await env.db.scanForCanary(canary)).toEqual([]);
      await env.db.checkpoint();
      expect(await env.db.scanForCanary(canary)).toEqual([]);
      expect(env.logs.raw()).not.toContain(canary);
    });

    it('keeps tenants apart: another tenant cannot read, list, find or delete the note', async () => {
      const record = await accept();
      expect(await env.inbox.read('t_kanzlei', record.txId)).toBeUndefined();
      expect(await env.inbox.list('t_kanzlei')).toEqual([]);
      expect(await env.subjects.find('t_kanzlei', '+4917123456789')).toEqual([]);
      expect(await env.inbox.delete('t_kanzlei', record.txId)).toBe(false);
      expect(await env.inbox.read('t_praxis', record.txId)).toBeDefined();
    });
  });

  describe('crypto-shredding', () => {
    it('a copy of the database taken before an erasure cannot decrypt the note afterwards', async () => {
      const record = await accept();
      const backup = await env.db.snapshot();
      try {
        // The main database never holds the data key: only the separate key store does.
        const wrappedKey = (await env.db.keys.get('t_praxis', record.txId))!.wrappedKey;
        expect(await backup.contains(wrappedKey)).toBe(false);
        expect(await env.subjects.erase('t_praxis', '+4917123456789')).toBe(1);

        const fromBackup = await backup.notes.get('t_praxis', record.txId);
        expect(fromBackup).toBeUndefined(); // the key is gone, so the repository cannot even assemble it
        const ciphertext = (await backup.ciphertext(record.txId))!;
        expect(ciphertext.length).toBeGreaterThan(0); // the ciphertext is still in the backup…
        const tenantKey = await env.keyring.key('t_praxis');
        // …but no data key exists anywhere any more; a guessed one fails authentication.
        expect(() =>
          openNote(tenantKey, 't_praxis', record.txId, { wrappedDataKey: Buffer.alloc(61), ciphertext }),
        ).toThrow(DecryptionError);
        expect(await env.db.keys.get('t_praxis', record.txId)).toBeUndefined();
      } finally {
        await backup.close();
      }
    });
  });

  describe('retention purge with a fake clock', () => {
    it('purges each mode at its deadline (ttl across the spring DST change, archive and undelivered immediate at 30 days) with one receipt each', async () => {
      const ttl = await accept(noteWith('a'), { mode: 'ttl', days: 7 });
      const archived = await accept(noteWith('b'), { mode: 'archive' });
      const immediate = await accept(noteWith('c'), { mode: 'immediate' });
      const tooLong = await accept(noteWith('d'), { mode: 'ttl', days: 90 } as never);
      const purge = () =>
        purgeExpired({ notes: env.notes, shredder: env.shredder, log: env.log, now: env.now });

      env.advance(7 * DAY_MS - 1); // 2026-04-01, after the switch to CEST
      expect(await purge()).toBe(0);
      env.advance(1);
      expect(await purge()).toBe(1);
      expect(await env.inbox.read('t_praxis', ttl.txId)).toBeUndefined();
      env.advance(23 * DAY_MS - 1);
      expect(await purge()).toBe(0);
      env.advance(1);
      expect(await purge()).toBe(3);
      for (const r of [archived, immediate, tooLong])
        expect(await env.inbox.read('t_praxis', r.txId)).toBeUndefined();
      expect(await purge()).toBe(0); // idempotent

      const receipts = await env.receipts.list('t_praxis');
      expect(receipts.map((r) => r.reason)).toEqual(['expired', 'expired', 'expired', 'expired']);
      expect(receipts[0].txId).toBe(ttl.txId);
      expect(
        receipts
          .slice(1)
          .map((r) => r.txId)
          .sort(),
      ).toEqual([archived, immediate, tooLong].map((r) => r.txId).sort());
      expect(verifyChain(RECEIPT_KEY, 't_praxis', receipts, await env.receipts.head('t_praxis'))).toEqual([]);
    });

    it('finishes a deletion a crash interrupted after the key was destroyed, with its original reason', async () => {
      const record = await accept();
      // Simulate the crash: step 1 (mark) and 2 (destroy key) happened, step 3 (row + receipt) did not.
      await env.db.run("UPDATE call_notes SET shred_reason = 'erasure' WHERE tx_id = ?", [record.txId]);
      await env.db.keys.destroy('t_praxis', record.txId);
      expect(await env.inbox.read('t_praxis', record.txId)).toBeUndefined();
      expect(
        await purgeExpired({ notes: env.notes, shredder: env.shredder, log: env.log, now: env.now }),
      ).toBe(1);
      const receipts = await env.receipts.list('t_praxis');
      expect(receipts).toHaveLength(1);
      expect(receipts[0]).toMatchObject({ txId: record.txId, reason: 'erasure' });
      expect(await env.db.count('call_notes')).toBe(0);
    });
  });

  describe('data-subject requests', () => {
    it('finds and exports exactly one subject even with a similar number; erasure reaches every note with receipts', async () => {
      const anna = await accept(
        noteWith('anna', { callback: { number: '+4917123456789', priority: 'normal' } }),
      );
      const anna2 = await accept(noteWith('anna2'));
      const other = await accept(
        noteWith('bert', {
          fields: { rueckrufnummer: { value: '+4917123456788', source: 'speech', confirmed: true } },
          callback: { number: '+4917123456788', priority: 'normal' },
        }),
      );
      const found = await env.subjects.find('t_praxis', '+4917123456789');
      expect(found.map((f) => f.txId).sort()).toEqual([anna.txId, anna2.txId].sort());
      const exported = await env.subjects.export('t_praxis', '+4917123456789');
      expect(exported.records.map((r) => r.txId).sort()).toEqual([anna.txId, anna2.txId].sort());
      expect(JSON.stringify(exported)).not.toContain('bert');

      expect(await env.subjects.erase('t_praxis', '+4917123456789')).toBe(2);
      expect(await env.subjects.find('t_praxis', '+4917123456789')).toEqual([]);
      expect(await env.inbox.read('t_praxis', other.txId)).toBeDefined();
      const receipts = await env.receipts.list('t_praxis');
      expect(receipts.map((r) => r.reason)).toEqual(['erasure', 'erasure']);
    });

    it('rectifies a detail (re-sealed under a new key) and moves the subject index to the corrected number', async () => {
      const record = await accept(noteWith('x', { callback: undefined }));
      expect(await env.subjects.rectify('t_praxis', record.txId, 'rueckrufnummer', '+4930123456')).toBe(true);
      const item = await env.inbox.read('t_praxis', record.txId);
      expect(item?.record.fields.rueckrufnummer).toMatchObject({ value: '+4930123456', confirmed: true });
      expect(await env.subjects.find('t_praxis', '+4917123456789')).toEqual([]);
      expect((await env.subjects.find('t_praxis', '+4930123456')).map((m) => m.txId)).toEqual([record.txId]);
    });

    it('rectification leaves nothing old behind: the replaced data key and ciphertext are in no file, and cannot be read', async () => {
      const record = await accept(noteWith('alt'));
      const before = (await env.notes.get('t_praxis', record.txId))!;
      await env.db.checkpoint(); // the note at rest in the main files, the WAL empty
      expect(await env.subjects.rectify('t_praxis', record.txId, 'name', 'Anna Berichtigt')).toBe(true);
      // No checkpoint by the test: rectify compacts as a deletion does (SQLite: the WAL of the
      // database and of the key store are truncated; the old pages were overwritten by secure_delete).
      expect(await env.db.placesHolding(before.wrappedDataKey)).toEqual([]);
      expect(await env.db.placesHolding(before.ciphertext)).toEqual([]);
      const tenantKey = await env.keyring.key('t_praxis');
      const now = (await env.notes.get('t_praxis', record.txId))!;
      expect(now.keyId).not.toBe(before.keyId);
      expect(() =>
        openNote(tenantKey, 't_praxis', record.txId, {
          wrappedDataKey: now.wrappedDataKey,
          ciphertext: before.ciphertext,
        }),
      ).toThrow(DecryptionError);
      expect((await env.inbox.read('t_praxis', record.txId))?.record.fields.name.value).toBe(
        'Anna Berichtigt',
      );
    });

    it('rectify accepts only details the note has, never inherited property names', async () => {
      const record = await accept(noteWith('x'));
      for (const field of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'gibtsnicht'])
        expect(await env.subjects.rectify('t_praxis', record.txId, field, 'x'), field).toBe(false);
      const item = await env.inbox.read('t_praxis', record.txId);
      expect(Object.keys(item!.record.fields).sort()).toEqual(Object.keys(record.fields).sort());
    });

    it('restriction keeps the note but hides it from the inbox and delivery until lifted', async () => {
      const record = await accept();
      expect(await env.subjects.restrict('t_praxis', record.txId, { restricted: true })).toBe(true);
      expect(await env.inbox.read('t_praxis', record.txId)).toBeUndefined();
      expect(await env.inbox.list('t_praxis')).toEqual([]);
      expect((await env.subjects.export('t_praxis', '+4917123456789')).records).toHaveLength(1);
      await env.subjects.restrict('t_praxis', record.txId, { restricted: false });
      expect(await env.inbox.read('t_praxis', record.txId)).toBeDefined();
    });
  });

  describe('zero persistence', () => {
    it('a zero-persistence note never reaches a file: no rows, no canary anywhere, readable from memory only', async () => {
      const canary = `CANARY-ZP-${Math.random().toString(36).slice(2)}`;
      const counts = async () =>
        Promise.all(
          ['call_notes', 'call_note_subjects', 'deletion_receipts', 'tenant_keys'].map((t) =>
            env.db.count(t),
          ),
        );
      const before = await counts();
      const record = noteWith(canary);
      await env.memory.accept({
        tenantId: 't_kanzlei',
        flowId: 'kanzlei',
        flowVersion: 1,
        record,
        retention: { mode: 'immediate' },
        zeroPersistence: true,
        delivery: { inbox: true },
      });
      expect((await env.inbox.read('t_kanzlei', record.txId))?.stored).toBe(false);
      expect(await counts()).toEqual(before);
      await env.db.checkpoint();
      expect(await env.db.scanForCanary(canary)).toEqual([]);
      expect(env.logs.raw()).not.toContain(canary);
      await expect(
        env.sink.accept({
          tenantId: 't_kanzlei',
          flowId: 'kanzlei',
          flowVersion: 1,
          record,
          retention: { mode: 'immediate' },
          zeroPersistence: true,
          delivery: { inbox: true },
        }),
      ).rejects.toThrow();
      // No temp or side files: on SQLite only the two databases and their WAL/SHM companions, on Postgres none.
      for (const file of readdirSync(env.dir)) expect(file).toMatch(/^(callflow|keys)\.sqlite(-wal|-shm)?$/);
      if (env.db.dialect === 'postgres') expect(readdirSync(env.dir)).toEqual([]);
    });
  });
});
