// The real `callflow` binary, as integrators run it in CI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'callflow-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function callflowBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/callflow.js', ...args], {
      cwd: root,
      timeout: 20_000,
      env: { ...process.env, LANG: 'C' },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout: string; stderr: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('bin/callflow.js', () => {
  it('validates every example flow with exit code 0', async () => {
    const flows = readdirSync(join(root, 'flows'))
      .filter((f) => f.endsWith('.flow.json'))
      .map((f) => `flows/${f}`);
    expect(flows.length).toBeGreaterThanOrEqual(3);
    const r = await callflowBin(['validate', ...flows]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${flows.length} Dateien geprüft: 0 Fehler`);
  });

  it('exits 1 on a broken file', async () => {
    const broken = join(tmp, 'broken.flow.json');
    writeFileSync(broken, '{ "schemaVersion": 1, ');
    const r = await callflowBin(['validate', broken]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('format.invalid-json');
  });
});
