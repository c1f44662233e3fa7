// `callflow receipts verify --data-dir` on the server host: reads the database read-only with
// the master key, says "intact" for a real chain and names the problem after tampering.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../../engine/src/cli/commands/receipts';
import { deletedNotes } from './records-env';
import { serverEnv, type ServerEnv } from './server-env';

let env: ServerEnv;
beforeAll(async () => {
  env = await serverEnv();
  await deletedNotes(env.records, env.tenantId, 3, 'CLI');
});
afterAll(() => {
  env.close();
  env.remove();
});

async function run(args: string[], masterKey = env.masterKey.toString('base64')) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: '/',
    env: { CALLFLOW_MASTER_KEY: masterKey, LANG: 'en_US.UTF-8' },
  });
  return { code, stdout, stderr };
}

describe('callflow receipts verify --data-dir', () => {
  it('reports an intact chain with exit 0, and a tampered one with the problem and exit 1', async () => {
    const ok = await run(['verify', '--data-dir', env.dataDir]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('deletion receipts intact (3 receipts)');

    const db = new Database(path.join(env.dataDir, 'callflow.db'));
    db.prepare("UPDATE deletion_receipts SET reason = 'expired' WHERE seq = 2").run();
    db.close();
    const bad = await run(['verify', '--data-dir', env.dataDir, '--lang', 'de']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('receipt.modified: Nachweis Nr. 2 wurde verändert');
  });

  it('cannot be fooled by a wrong master key, and says so for usage errors', async () => {
    const wrong = await run(['verify', '--data-dir', env.dataDir], Buffer.alloc(32, 7).toString('base64'));
    expect(wrong.code).toBe(1);
    expect((await run(['check'])).code).toBe(2);
  });
});
