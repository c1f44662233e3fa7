// The real `callflow` binary, as integrators run it in CI: the compiled dist/cli.js (built by
// test/global-setup.ts) must answer exactly like the TypeScript sources run in-process.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { callflow } from './harness';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'callflow-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function callflowBin(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/callflow.js', ...args], {
      cwd: root,
      timeout: 20_000,
      env: { ...process.env, LANG: 'C', ...env },
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

describe('the compiled CLI answers like the sources', () => {
  const example = (name: string) => readFileSync(join(root, 'flows', `${name}.flow.json`), 'utf8');
  const put = (name: string, text: string) => {
    writeFileSync(join(tmp, name), text);
    return join(tmp, name);
  };
  const reworded = put('reworded.flow.json', example('arztpraxis').replace('Hausarztpraxis', 'Praxis'));
  const unformatted = put('unformatted.flow.json', JSON.stringify(JSON.parse(example('kanzlei')), null, 4));
  const invalid = put('invalid.flow.json', JSON.stringify({ schemaVersion: 1, id: 'x', nodes: [] }));
  const cases: Array<[string, string[], Record<string, string>]> = [
    ['validate of every example and a broken flow', ['validate', 'flows', invalid], {}],
    ['validate --json', ['validate', '--json', 'flows/arztpraxis.flow.json', invalid], {}],
    ['validate in English', ['validate', invalid], { LANG: 'en_GB.UTF-8' }],
    ['fmt --check', ['fmt', '--check', 'flows/kanzlei.flow.json', unformatted], {}],
    ['diff', ['diff', 'flows/arztpraxis.flow.json', reworded], {}],
    ['diff --json', ['diff', '--json', 'flows/arztpraxis.flow.json', reworded], {}],
  ];

  it.each(cases)('%s', async (_name, args, env) => {
    const compiled = await callflowBin(args, env);
    const sources = await callflow(args, { cwd: root, env: { LANG: 'C', ...env } });
    expect(compiled).toEqual(sources);
    // Not all silent successes: each case says something.
    expect(compiled.stdout.length).toBeGreaterThan(0);
  });
});
