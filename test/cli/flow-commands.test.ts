import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/src/flow/canonical';
import { loadFlow } from '../../engine/src/flow/loader/load';
import { callflow } from './harness';

const root = resolve(import.meta.dirname, '../..');
const EXAMPLES = ['flows/arztpraxis.flow.json', 'flows/kanzlei.flow.json', 'flows/support-desk.flow.json'];
const tmp = mkdtempSync(join(tmpdir(), 'callflow-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const exampleText = (name: string) => readFileSync(join(root, 'flows', `${name}.flow.json`), 'utf8');
const example = (name: string) => JSON.parse(exampleText(name));
/** The hash call records reference: the loader's, whatever exactly it covers. */
const hashOf = (name: string): string => {
  const r = loadFlow(exampleText(name));
  if (!r.ok) throw new Error(`${name} does not load`);
  return r.compiled.contentHash;
};
/** Writes a file into the temp dir and returns its path. */
const put = (name: string, content: string | object) => {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : canonicalJson(content));
  return path;
};
const inRepo = (argv: string[], env?: Record<string, string>) => callflow(argv, { cwd: root, env });
const en = { LANG: 'en_GB.UTF-8' };

describe('callflow validate', () => {
  it('passes the example flows, in German by default', async () => {
    const r = await inRepo(['validate', ...EXAMPLES], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('flows/arztpraxis.flow.json: in Ordnung');
    expect(r.stdout).toContain('3 Dateien geprüft: 0 Fehler, 0 Hinweise');
  });

  it('speaks English when LANG says so, and --lang overrides LANG', async () => {
    expect((await inRepo(['validate', EXAMPLES[0]], en)).stdout).toContain(
      '1 file checked: 0 problems, 0 warnings',
    );
    expect((await inRepo(['validate', '--lang', 'de', EXAMPLES[0]], en)).stdout).toContain('1 Datei geprüft');
  });

  it('reports invalid JSON with line and column, and exits 1', async () => {
    const file = put('broken.json', '{\n  "schemaVersion": 1,\n  "id": "x"\n  "name": "y"\n}\n');
    const r = await callflow(['validate', '--lang', 'en', file], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('format.invalid-json');
    expect(r.stdout).toContain('line 4, column 3');
  });

  it('groups every problem per file with code, node and message', async () => {
    const flow = example('arztpraxis');
    flow.nodes.rueckruf.next = 'nirgendwo';
    const broken = put('dangling.flow.json', flow);
    const r = await callflow(['validate', broken, join(root, EXAMPLES[1])], { cwd: tmp, env: en });
    expect(r.code).toBe(1);
    const [first, second] = r.stdout.split(/\n(?=\S)/);
    expect(first).toMatch(/dangling\.flow\.json: \d+ problems?, \d+ warnings?/);
    expect(first).toMatch(
      /problem {2}graph\.missing-target {2}node rueckruf \(\/nodes\/rueckruf\/next\)\n {4}.*nirgendwo/,
    );
    expect(second).toMatch(/kanzlei\.flow\.json: OK/);
  });

  it('names a missing file and an unknown format version in plain words', async () => {
    const future = put('future.json', { schemaVersion: 7 });
    const r = await callflow(['validate', 'missing.flow.json', future], { cwd: tmp, env: en });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('missing.flow.json: file not found');
    expect(r.stdout).toContain('format.future-version');
    expect(r.stdout).toContain('Please update Callflow');
  });

  it('takes a folder as its *.flow.json files (for shells that do not expand globs)', async () => {
    const r = await inRepo(['validate', 'flows'], en);
    expect(r.code).toBe(0);
    for (const f of EXAMPLES) expect(r.stdout).toContain(`${f}: OK`);
    expect(r.stdout).not.toContain('.test.json');
    expect((await inRepo(['fmt', '--check', 'flows'], en)).stdout).toBe(
      '4 files are canonically formatted.\n',
    );
  });

  it("checks transfer targets against the organisation's allow-list given with --targets", async () => {
    expect(
      (await inRepo(['validate', '--targets', 'empfang, sekretariat', EXAMPLES[0], EXAMPLES[1]])).code,
    ).toBe(0);
    const r = await inRepo(['validate', '--targets=empfang', EXAMPLES[1]], en);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'handoff.target-not-allowed  node weiterleitung (/nodes/weiterleitung/target)',
    );
  });

  it('prints JSON for tools', async () => {
    const r = await inRepo(['validate', '--json', ...EXAMPLES]);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.map((x: { file: string; ok: boolean }) => [x.file, x.ok])).toEqual(
      EXAMPLES.map((f) => [f, true]),
    );
  });
});

describe('callflow fmt', () => {
  it('--check accepts the canonical examples', async () => {
    const r = await inRepo(['fmt', '--check', ...EXAMPLES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('3 Dateien sind kanonisch formatiert.\n');
  });

  it('--check lists files that are not canonical and changes nothing', async () => {
    const text = JSON.stringify(example('kanzlei'), null, 4);
    const file = put('ugly.flow.json', text);
    const r = await callflow(['fmt', '--check', file, join(root, EXAMPLES[0])], { cwd: tmp, env: en });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${file}\n`);
    expect(r.stderr).toContain('1 file is not canonically formatted');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('leaves JSON that is not a call flow alone', async () => {
    const text = '{"name": "x", "dependencies": {}}';
    const file = put('package.json', text);
    const r = await callflow(['fmt', file], { cwd: tmp, env: en });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a call flow (no "schemaVersion") – not formatted');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('rewrites a file canonically, and a second run changes nothing', async () => {
    const file = put('rewrite.flow.json', JSON.stringify(example('support-desk')));
    expect((await callflow(['fmt', file], { cwd: tmp })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(exampleText('support-desk'));
    const again = await callflow(['fmt', file], { cwd: tmp });
    expect(again.stdout).toBe('');
  });
});

describe('callflow diff', () => {
  it('describes changes in sentences and ignores layout', async () => {
    const after = example('arztpraxis');
    after.settings.retention = { mode: 'immediate' };
    after.layout.nodes.begruessung = { x: 1, y: 2 };
    after.nodes.anliegen.fields.push({
      key: 'versicherung',
      label: 'Versicherung',
      type: 'text',
      prompt: 'Wie sind Sie versichert?',
    });
    const file = put('after.flow.json', after);
    const r = await callflow(['diff', join(root, EXAMPLES[0]), file], { cwd: tmp, env: en });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '- retention changed from ttl 7 days to immediate\n- step "Anliegen" gained the detail "Versicherung"\n',
    );
  });

  it('prints JSON changes', async () => {
    const after = example('kanzlei');
    after.nodes.begruessung.next.unclear = 'weiterleitung';
    const r = await callflow(['diff', '--json', join(root, EXAMPLES[1]), put('k2.flow.json', after)], {
      cwd: tmp,
    });
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({
        kind: 'edge-changed',
        nodeId: 'begruessung',
        path: '/nodes/begruessung/next/unclear',
        before: 'weiterleitung_ohne_einwilligung',
        after: 'weiterleitung',
      }),
    ]);
  });

  it('says when nothing changed', async () => {
    const r = await inRepo(['diff', EXAMPLES[2], EXAMPLES[2]]);
    expect(r.stdout).toBe('Keine inhaltlichen Änderungen.\n');
  });
});

describe('callflow hash', () => {
  it('prints the content hash, unchanged by moving nodes on the canvas', async () => {
    const r = await inRepo(['hash', EXAMPLES[0]]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${hashOf('arztpraxis')}\n`);
    const moved = example('arztpraxis');
    moved.layout.nodes.abschluss = { x: 0, y: 0 };
    expect((await callflow(['hash', put('moved.flow.json', moved)], { cwd: tmp })).stdout).toBe(r.stdout);
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
  });
});

describe('callflow migrate', () => {
  it('prints the current-format flow canonically and says it is already current', async () => {
    const r = await inRepo(['migrate', EXAMPLES[1]]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(exampleText('kanzlei'));
    expect(r.stderr).toBe('flows/kanzlei.flow.json: bereits Format 1\n');
  });

  it('--write saves the canonical form; unknown versions are refused', async () => {
    const file = put('m.flow.json', JSON.stringify(example('kanzlei')));
    expect((await callflow(['migrate', '--write', file], { cwd: tmp })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(exampleText('kanzlei'));
    const bad = await callflow(['migrate', put('v0.json', { schemaVersion: 0 })], { cwd: tmp, env: en });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('format.unknown-version');
  });
});

describe('callflow privacy', () => {
  it('prints the processing record in English and German', async () => {
    const r = await inRepo(['privacy', '--lang', 'en', EXAMPLES[1]]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Processing record: Kanzlei Beispiel & Partner\n/);
    expect(r.stdout).toContain(`Content hash \`${hashOf('kanzlei')}\``);
    expect(r.stdout).toContain('No storage: yes');
    const de = await inRepo(['privacy', EXAMPLES[0]]);
    expect(de.stdout).toContain('# Verarbeitungsübersicht: Hausarztpraxis Dr. Beispiel');
  });

  it('prints JSON for tools', async () => {
    const r = await inRepo(['privacy', '--json', EXAMPLES[2]]);
    expect(JSON.parse(r.stdout).stages.map((s: { id: string }) => s.id)).toEqual([
      'telephony',
      'speech',
      'understanding',
      'answers',
      'voice',
      'hosting',
    ]);
  });
});

describe('bad input never produces a stack trace', () => {
  const folder = join(tmp, 'a-folder.json');
  mkdirSync(folder, { recursive: true });
  const inputs = {
    empty: put('empty.json', ''),
    binary: put('binary.json', '\u0000\u0001\u0002 not json'),
    array: put('array.json', '[1, 2]'),
    folder,
    missing: join(tmp, 'missing.json'),
  };
  const commands = [
    ['validate'],
    ['fmt', '--check'],
    ['hash'],
    ['migrate'],
    ['privacy'],
    ['diff', join(root, EXAMPLES[0])],
  ];
  for (const [what, file] of Object.entries(inputs)) {
    it.each(commands)(`%s on a ${what} file`, async (...cmd) => {
      const r = await callflow([...cmd, file], { cwd: tmp, env: en });
      expect(r.code).toBe(1);
      const output = r.stdout + r.stderr;
      expect(output).toContain(file.split('/').pop());
      expect(output).not.toMatch(/\n\s+at |Error:/);
    });
  }

  it('answers a usage mistake with the usage line and exit 2', async () => {
    const r = await inRepo(['hash', EXAMPLES[0], EXAMPLES[1]]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: callflow hash <file>');
    expect((await inRepo(['validate', '--lang', 'fr', EXAMPLES[0]])).code).toBe(2);
  });
});
