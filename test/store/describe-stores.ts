// `describeStores('name', (db) => …)`: registers a suite once per dialect — SQLite always,
// PostgreSQL when CALLFLOW_TEST_DATABASE_URL is set (otherwise listed as skipped). Each test gets a
// fresh database from `db.open()` and must `dispose()` it (use the `afterEach` the helper sets up).
import { afterEach, describe } from 'vitest';
import {
  openTestDatabase,
  TEST_DATABASE_URL,
  type Dialect,
  type OpenOptions,
  type TestDatabase,
} from './test-databases';

export interface DialectSuite {
  dialect: Dialect;
  /** Opens a fresh database for the current test; it is disposed after the test. */
  open(opts?: OpenOptions): Promise<TestDatabase>;
}

export function describeStores(name: string, suite: (d: DialectSuite) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const register = dialect === 'postgres' && !TEST_DATABASE_URL ? describe.skip : describe;
    register(`${name} [${dialect}]`, () => {
      const opened: TestDatabase[] = [];
      afterEach(async () => {
        for (const db of opened.splice(0)) await db.dispose();
      });
      suite({
        dialect,
        async open(opts) {
          const db = await openTestDatabase(dialect, opts);
          opened.push(db);
          return db;
        },
      });
    });
  }
}
