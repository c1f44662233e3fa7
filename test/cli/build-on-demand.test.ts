// `bin/callflow.js` builds dist/cli.js when it is missing or stale and otherwise just runs it.
// Everything happens in a copy of the repository (node_modules linked), so touching sources here
// never makes the real build stale under the other tests.
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const COPIED = [
  'bin',
  'scripts/build',
  'engine/src',
  'flows',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];
let copy: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function callflow(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(copy, 'bin/callflow.js'), ...args],
      { cwd: copy, env: { ...process.env, LANG: 'C' }, timeout: 120_000 },
      (err, stdout, stderr) => done({ code: err ? (err.code as number) : 0, stdout, stderr }),
    );
  });
}

const building = (reason: string) => `callflow: building dist/cli.js (${reason})\n`;
const source = (rel: string) => join(copy, rel);

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'callflow-build-'));
  for (const rel of COPIED)
    cpSync(join(root, rel), join(copy, rel), { recursive: true, preserveTimestamps: true });
  symlinkSync(realpathSync(join(root, 'node_modules')), join(copy, 'node_modules'));
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('bin/callflow.js builds on demand', () => {
  it('builds on the first run, saying so in one line on stderr', async () => {
    const r = await callflow('validate', 'flows');
    expect(r.stderr).toBe(building('dist/cli.js is missing'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 Dateien geprüft: 0 Fehler');
  });

  it('runs the build it has while nothing changed', async () => {
    const r = await callflow('validate', 'flows');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('rebuilds after a source is edited, and runs the edited code', async () => {
    const file = source('engine/src/cli/run.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('unknown command', 'no such command'));
    const r = await callflow('frobnicate');
    expect(r.stderr).toBe(
      building('engine/src/cli/run.ts changed') +
        'callflow: no such command "frobnicate". Run `callflow help` for the list.\n',
    );
    expect(r.code).toBe(2);
    expect((await callflow('frobnicate')).stderr).not.toContain('building');
  });

  it('counts a source put back with an older time as a change', async () => {
    utimesSync(source('engine/src/flow/hash.ts'), new Date('2020-01-01'), new Date('2020-01-01'));
    expect((await callflow('validate', 'flows')).stderr).toBe(building('engine/src/flow/hash.ts changed'));
  });

  it('counts a new file beside the sources as a change (it could shadow an import)', async () => {
    writeFileSync(source('engine/src/flow/loader/shadow.ts'), 'export {};\n');
    expect((await callflow('validate', 'flows')).stderr).toBe(building('engine/src/flow/loader changed'));
  });

  it('removes chunks of earlier builds once no CLI started before the rebuild can need them', async () => {
    const chunks = join(copy, 'dist/cli-chunks');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    writeFileSync(join(chunks, 'old-AAAAAAAA.js'), '');
    utimesSync(join(chunks, 'old-AAAAAAAA.js'), anHourAgo, anHourAgo);
    writeFileSync(join(chunks, 'recent-BBBBBBBB.js'), '');
    rmSync(source('engine/src/flow/loader/shadow.ts'));
    expect((await callflow('validate', 'flows')).stderr).toBe(building('engine/src/flow/loader changed'));
    expect(readdirSync(chunks)).not.toContain('old-AAAAAAAA.js');
    expect(readdirSync(chunks)).toContain('recent-BBBBBBBB.js');
  });

  it('builds once when two first runs start at once, and both answer', async () => {
    rmSync(join(copy, 'dist'), { recursive: true, force: true });
    const runs = await Promise.all([callflow('validate', 'flows'), callflow('validate', 'flows')]);
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('4 Dateien geprüft: 0 Fehler');
    }
    expect(runs.map((r) => r.stderr).join('')).toBe(building('dist/cli.js is missing'));
    expect((await callflow('validate', 'flows')).stderr).toBe('');
    // No temp folder and no lock left behind.
    expect(readdirSync(join(copy, 'dist')).sort()).toEqual([
      'cli-chunks',
      'cli.js',
      'cli.js.map',
      'cli.manifest.json',
    ]);
  });

  it('exits 1 with the compiler message when a source does not compile', async () => {
    const file = source('engine/src/cli/run.ts');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, `${good}\nexport const broken = ;\n`);
    const r = await callflow('validate', 'flows');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('engine/src/cli/run.ts');
    expect(r.stderr).toContain('callflow: the build of dist/cli.js failed');
    writeFileSync(file, good);
    expect((await callflow('validate', 'flows')).code).toBe(0);
  });
});
