import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

async function cli(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd, env: {} });
  return { code, out, err };
}

describe('callflow test', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'callflow-test-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('runs every flows/*.test.json by default and passes on the example flows', async () => {
    const r = await cli(['test']);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/flows\/arztpraxis\.test\.json/);
    expect(r.out).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(r.code).toBe(0);
  });

  it('shows a failing scenario with expected vs. heard and the path, and exits 1', async () => {
    writeFileSync(join(tmp, 'praxis.flow.json'), readFileSync(join(ROOT, 'flows/arztpraxis.flow.json')));
    writeFileSync(
      join(tmp, 'praxis.test.json'),
      JSON.stringify({
        flow: 'praxis.flow.json',
        scenarios: [
          {
            name: 'Falsche Erwartung',
            call: { at: '2026-03-02T09:00:00+01:00' },
            turns: [{ say: 'ja', expect: { heard: ['Wie ist Ihre Kundennummer?'] } }],
            expect: { outcome: 'completed' },
          },
        ],
      }),
    );
    const r = await cli(['test', join(tmp, 'praxis.test.json')], tmp);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ Falsche Erwartung');
    expect(r.out).toContain(
      'expected to hear "Wie ist Ihre Kundennummer?", heard: "Wie ist Ihr Vor- und Nachname?"',
    );
    expect(r.out).toContain('expected outcome completed, got in-progress');
    expect(r.out).toContain('path: begruessung → sprechzeiten → personalien');
    expect(r.out).toContain('0 passed, 1 failed');
  });

  it('rejects a file that is not a conversation test with exit code 2', async () => {
    writeFileSync(
      join(tmp, 'kaputt.test.json'),
      JSON.stringify({ flow: 'x.flow.json', scenarios: [{ name: 'x' }] }),
    );
    const r = await cli(['test', join(tmp, 'kaputt.test.json')], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not a conversation test');
  });
});
