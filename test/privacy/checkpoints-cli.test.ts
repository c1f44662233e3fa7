// `callflow receipts checkpoint | keys | verify --checkpoint` as an organisation uses them: take a
// checkpoint from the server, fetch the public keys without logging in, and later prove against
// the server — or on the host with --data-dir — that the chain still contains it. An organisation
// whose receipts, head and even its row were erased is reported, not skipped.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../../engine/src/cli/commands/receipts';
import { startServer, type RunningServer } from '../../engine/src/http/serve';
import { deletedNotes } from './records-env';
import { serverEnv, type ServerEnv } from './server-env';

let env: ServerEnv;
let server: RunningServer;
let token = '';
let work = '';

beforeAll(async () => {
  env = await serverEnv();
  await deletedNotes(env.records, env.tenantId, 3);
  server = await startServer(env.app.fetch, { port: 0, host: '127.0.0.1', tls: undefined });
  const created = await env.as('owner', 'POST', '/api/tokens', {
    name: 'Prüfung',
    scopes: ['receipts:read'],
  });
  token = ((await created.json()) as { secret: string }).secret;
  work = mkdtempSync(path.join(tmpdir(), 'callflow-checkpoint-cli-'));
});
afterAll(async () => {
  await server.drain(0);
  env.close();
  env.remove();
  rmSync(work, { recursive: true, force: true });
});

async function run(args: string[], extraEnv: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: work,
    env: {
      CALLFLOW_URL: `http://127.0.0.1:${server.port}`,
      CALLFLOW_MASTER_KEY: env.masterKey.toString('base64'),
      LANG: 'en_US.UTF-8',
      ...extraEnv,
    },
  });
  return { code, stdout, stderr };
}
const authed = () => ({ CALLFLOW_TOKEN: token });

function sql(statement: string, ...params: unknown[]) {
  const db = new Database(path.join(env.dataDir, 'callflow.db'));
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

describe('callflow receipts checkpoint, keys and verify --checkpoint', () => {
  it('takes a checkpoint from the server and verifies it there and on the host', async () => {
    const taken = await run(['checkpoint', '--out', 'kontrollpunkt.json'], authed());
    expect(taken.code, taken.stderr).toBe(0);
    const kept = JSON.parse(readFileSync(path.join(work, 'kontrollpunkt.json'), 'utf8')) as {
      count: number;
      keyId: string;
    };
    expect(kept).toMatchObject({ count: 3, final: false, tenantId: env.tenantId });

    const keys = await run(['keys']); // no token: the keys are public
    expect(keys.code, keys.stderr).toBe(0);
    expect(keys.stdout).toContain(`key ${kept.keyId}`);
    expect(keys.stdout).toContain('-----BEGIN PUBLIC KEY-----');
    expect((await run(['keys', '--data-dir', env.dataDir])).stdout).toContain(`key ${kept.keyId}`);

    const online = await run(['verify', '--checkpoint', 'kontrollpunkt.json'], authed());
    expect(online.code, online.stdout + online.stderr).toBe(0);
    expect(online.stdout).toContain('deletion receipts intact (3 receipts), 2 checkpoints checked');
    const offline = await run(['verify', '--data-dir', env.dataDir, '--checkpoint=kontrollpunkt.json']);
    expect(offline.code, offline.stdout).toBe(0);
  });

  it('refuses a file that holds no checkpoint', async () => {
    writeFileSync(path.join(work, 'kaputt.json'), JSON.stringify({ count: 3 }));
    const bad = await run(['verify', '--checkpoint', 'kaputt.json', '--lang', 'de'], authed());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('kaputt.json enthält keinen Kontrollpunkt');
    expect((await run(['checkpoint', '--data-dir', env.dataDir])).code).toBe(2);
  });

  it('reports an organisation whose receipts, head and row were erased — given its checkpoint', async () => {
    const t = env.tenantId;
    sql('DELETE FROM deletion_receipts WHERE tenant_id = ?', t);
    sql('DELETE FROM receipt_heads WHERE tenant_id = ?', t);
    sql('DELETE FROM receipt_checkpoints WHERE tenant_id = ?', t);
    // Without the kept checkpoint an erased chain looks like one that never had a receipt.
    expect((await run(['verify', '--data-dir', env.dataDir])).code).toBe(0);

    const online = await run(['verify', '--checkpoint', 'kontrollpunkt.json'], authed());
    expect(online.code).toBe(1);
    expect(online.stdout).toContain(
      'checkpoint.missing-receipts: checkpoint at #3, but the chain holds only 0',
    );

    // The organisation row too (its other rows would cascade; receipts have no foreign key).
    const db = new Database(path.join(env.dataDir, 'callflow.db'));
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM tenants WHERE id = ?').run(t);
    db.close();
    const offline = await run([
      'verify',
      '--data-dir',
      env.dataDir,
      '--checkpoint',
      'kontrollpunkt.json',
      '--lang',
      'de',
    ]);
    expect(offline.code).toBe(1);
    expect(offline.stdout).toContain(`✗ ${t}: Löschnachweise beschädigt (0 Nachweise)`);
    expect(offline.stdout).toContain('chain.unclosed');
    expect(offline.stdout).toContain('checkpoint.missing-receipts');
  });
});
