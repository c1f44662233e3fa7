// Several processes on one SQLite file, as the worker processes of one instance are
// (CALLFLOW_WORKERS > 1): calls that finish at the same moment in different processes all count.
// A deferred transaction that reads and then writes would fail at once with SQLITE_BUSY when
// another process committed in between; the store begins every transaction IMMEDIATE instead.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../engine/src/store/sqlite/index';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'callflow-sqlite-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one SQLite file, several processes', () => {
  it('counts every call that two processes record at the same time', async () => {
    const file = join(dir, 'callflow.db');
    const store = createSqliteStore({ file });
    const tenantId = (await store.tenants.create('Praxis')).id;
    store.close();

    const writer = join(import.meta.dirname, 'fixtures/analytics-writer.ts');
    const results = await Promise.all(
      [0, 1].map(async () => {
        const { stdout } = await run(
          process.execPath,
          ['--import', 'tsx/esm', writer, file, tenantId, '150'],
          {
            env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
          },
        );
        return JSON.parse(stdout) as { recorded: number; failures: string[] };
      }),
    );
    expect(results.flatMap((r) => r.failures)).toEqual([]);

    const reader = createSqliteStore({ file });
    const [day] = await reader.analytics!.days({
      tenantId,
      flowId: 'f',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    reader.close();
    expect(day.calls).toBe(300);
  }, 120_000);
});
