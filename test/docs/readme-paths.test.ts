// Every repository path a README names in backticks exists, so a reader who follows one lands
// on a file (the rule for what counts as a path is in readme-paths.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeSpans, ignoredBy, markdownFiles, pathsIn, stalePaths } from './readme-paths';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Paths that name no file of this repository on purpose, each with the reason. */
const NOT_OURS: Record<string, Record<string, string>> = {
  'schemas/README.md': {
    'flow.v2.schema.json': 'the file name a future breaking version would get',
    '.vscode/settings.json': "an editor setting in the integrator's own repository",
  },
};

describe('backticked paths in the READMEs', () => {
  it('all exist', () => {
    const ignored = ignoredBy(readFileSync(join(ROOT, '.gitignore'), 'utf8'));
    const files = markdownFiles(ROOT, ignored);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'BENCHMARKS.md', 'designer/README.md']));
    const stale = files
      .flatMap((file) => stalePaths(ROOT, file, ignored))
      .filter((s) => NOT_OURS[s.file]?.[s.path] === undefined)
      .map((s) => `${s.file}:${s.line} ${s.path}`);
    expect(stale).toEqual([]);
  });
});

describe('what counts as a path', () => {
  const top = new Set(['engine', 'designer', 'test', '.ci', 'package.json']);
  it.each([
    ['engine/src/flow', ['engine/src/flow']],
    ['.ci/run', ['.ci/run']],
    ['../store/sqlite/keystore.ts', ['../store/sqlite/keystore.ts']],
    ['codec.ts', ['codec.ts']],
    ['fixtures/', ['fixtures/']],
    ['engine/src/{store,records}/', ['engine/src/store/', 'engine/src/records/']],
    ['engine/src/main.ts:42', ['engine/src/main.ts']],
    ['.prettierrc.json', ['.prettierrc.json']],
  ])('%s is a path', (span, paths) => {
    expect(pathsIn(span, top)).toEqual(paths);
  });
  it.each([
    'flows/<id>.flow.json',
    'flows/*.flow.json',
    'npm run build:designer',
    'https://callflow.dev/schemas/flow.v1.schema.json',
    '@hono/zod-openapi',
    'drizzle-orm/sqlite-core',
    '/api/flows/{id}/simulate',
    'application/json',
    'yes/no',
    '.d.ts',
    '.test.json',
    'CALLFLOW_METRICS=1',
    'loadFlow()',
  ])('%s is not a path', (span) => {
    expect(pathsIn(span, top)).toEqual([]);
  });

  it('reads inline code only, not fenced blocks', () => {
    const md = ['Run `engine/src/main.ts`.', '```sh', 'cat `engine/nothing.ts`', '```', 'and `b.ts`'].join(
      '\n',
    );
    expect(codeSpans(md)).toEqual([
      { text: 'engine/src/main.ts', line: 1 },
      { text: 'b.ts', line: 5 },
    ]);
  });
});

describe('stalePaths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readme-paths-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a path that exists neither beside the README nor at the root, and skips ignored output', () => {
    mkdirSync(join(dir, 'engine', 'src'), { recursive: true });
    writeFileSync(join(dir, 'engine', 'src', 'main.ts'), '');
    writeFileSync(join(dir, 'engine', 'src', 'app.ts'), '');
    const readme = [
      '`app.ts` beside it, `engine/src/main.ts` from the root, `../src/app.ts` relative,',
      'but `engine/src/gone.ts` and `old.ts` are gone; `data/callflow.db` is output.',
    ].join('\n');
    writeFileSync(join(dir, 'engine', 'src', 'README.md'), readme);
    const ignored = ignoredBy('data/\n*.log\n');
    expect(markdownFiles(dir, ignored)).toEqual(['engine/src/README.md']);
    expect(stalePaths(dir, 'engine/src/README.md', ignored)).toEqual([
      { file: 'engine/src/README.md', line: 2, path: 'engine/src/gone.ts' },
      { file: 'engine/src/README.md', line: 2, path: 'old.ts' },
    ]);
  });
});
