// What only the SQLite store promises: its pragmas, a clean WAL on close and files only the
// server's user can read. The behaviour both dialects share (locking, versions, numbers, tenant
// scoping) is tested in test/store/store.test.ts.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './index';
import { closeSqlite, openSqlite } from './open';

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'callflow-store-'));
  umask = process.umask(0o022); // the usual default: files would come out 0644
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

/** Mode bits of every file in the data dir, by name. */
const modes = () =>
  Object.fromEntries(
    readdirSync(dir).map((f) => [f, (statSync(path.join(dir, f)).mode & 0o777).toString(8)]),
  );

/** A store with a row written: the database and the key store (its table) both have -wal and -shm. */
async function storeWithData() {
  const store = createSqliteStore({ file: path.join(dir, 'callflow.db') });
  await store.tenants.create('Praxis');
  return store;
}

const DATABASE_FILES = [
  'callflow.db',
  'callflow.db-shm',
  'callflow.db-wal',
  'keys.sqlite',
  'keys.sqlite-shm',
  'keys.sqlite-wal',
];

describe('sqlite store', () => {
  it('opens with WAL, secure_delete and foreign keys, and leaves no WAL behind on close', () => {
    const { client } = openSqlite(path.join(dir, 'probe.db'));
    expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(client.pragma('secure_delete', { simple: true })).toBe(1);
    expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
    client.prepare("INSERT INTO tenants (id, name, created_at) VALUES ('t', 'x', 0)").run();
    closeSqlite(client);
    expect(statSync(path.join(dir, 'probe.db-wal'), { throwIfNoEntry: false })?.size ?? 0).toBe(0);
  });

  it('creates the database, the key store and their -wal and -shm files 0600', async () => {
    const store = await storeWithData();
    try {
      expect(modes()).toEqual(Object.fromEntries(DATABASE_FILES.map((f) => [f, '600'])));
    } finally {
      store.close();
    }
  });

  it('corrects the files of an existing install (left 0644 by an older version) when it opens them', async () => {
    // A crash leaves -wal and -shm behind: the restarted server finds all six files.
    const crashed = await storeWithData();
    for (const f of DATABASE_FILES) chmodSync(path.join(dir, f), 0o644);
    const restarted = createSqliteStore({ file: path.join(dir, 'callflow.db') });
    try {
      expect(modes()).toEqual(Object.fromEntries(DATABASE_FILES.map((f) => [f, '600'])));
    } finally {
      restarted.close();
      crashed.close();
    }
  });
});
