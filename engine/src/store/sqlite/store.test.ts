// What only the SQLite store promises: its pragmas and a clean WAL on close. The behaviour both
// dialects share (locking, versions, numbers, tenant scoping) is tested in test/store/store.test.ts.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeSqlite, openSqlite } from './open';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'callflow-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
});
