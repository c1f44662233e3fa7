// DATABASE_URL decides the dialect: unset → the SQLite file in the data directory, postgres:// →
// PostgreSQL, anything else is refused at start instead of silently falling back to SQLite.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DB_FILE } from './data-dir';
import { openStore, storeDialect } from './open-store';

it('selects the dialect from DATABASE_URL and refuses other URLs', () => {
  expect(storeDialect({})).toBe('sqlite');
  expect(storeDialect({ DATABASE_URL: '  ' })).toBe('sqlite');
  expect(storeDialect({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db' })).toBe('postgres');
  expect(storeDialect({ DATABASE_URL: 'postgresql://u:p@127.0.0.1/db' })).toBe('postgres');
  expect(() => storeDialect({ DATABASE_URL: 'mysql://u:p@127.0.0.1/db' })).toThrow(/postgres:\/\//);
});

it('opens the SQLite file in the data directory when DATABASE_URL is unset', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'callflow-open-'));
  try {
    const store = await openStore({ env: {}, dataDir: dir });
    expect(store.dialect).toBe('sqlite');
    expect(await store.ping()).toBe(true);
    store.close();
    expect(existsSync(path.join(dir, DB_FILE))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('refuses a key-store URL that is not PostgreSQL', async () => {
  await expect(
    openStore({
      env: { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', CALLFLOW_KEYSTORE_URL: 'file:keys' },
      dataDir: '/nonexistent',
    }),
  ).rejects.toThrow(/CALLFLOW_KEYSTORE_URL/);
});
