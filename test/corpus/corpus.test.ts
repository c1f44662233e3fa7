// The broken-flow corpus: one file per diagnostic code, each derived from a small valid flow.
// Proves that every documented problem is detected, that nothing undocumented is reported, and
// that the valid flows load (the corpus fixture without any diagnostic, the example flows without errors).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadFlow } from '../../engine/src/flow';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const readme = readFileSync(here('../../engine/src/flow/README.md'), 'utf8');
const table = readme.slice(
  readme.indexOf('<!-- diagnostic-codes -->'),
  readme.indexOf('<!-- /diagnostic-codes -->'),
);
const rows = [...table.matchAll(/^\| `([a-z-]+\.[a-z-]+)` \| (error|warning) \| (.*) \|$/gm)];
const documented = new Map(
  rows.map((m) => [m[1], { severity: m[2], noCorpus: m[3].includes('No corpus file') }]),
);

const brokenDir = here('./broken/');
const brokenFiles = readdirSync(brokenDir).filter((f) => f.endsWith('.flow.json'));
// The corpus is loaded as an organisation whose only transfer target is "empfang".
const options = { handoffTargets: ['empfang'] };

describe('diagnostic code table', () => {
  it('documents codes (the README table is found and parsed)', () => {
    expect(documented.size).toBeGreaterThan(40);
  });

  it.each([...documented].filter(([, d]) => !d.noCorpus).map(([code]) => code))(
    '%s has a broken example',
    (code) => {
      expect(existsSync(`${brokenDir}${code}.flow.json`), `add test/corpus/broken/${code}.flow.json`).toBe(
        true,
      );
    },
  );
});

describe('broken flows', () => {
  it.each(brokenFiles)('%s reports its code with the documented severity', (file) => {
    const code = file.replace(/\.flow\.json$/, '');
    const result = loadFlow(readFileSync(`${brokenDir}${file}`, 'utf8'), options);
    const found = result.diagnostics.filter((d) => d.code === code);
    expect(found.length, JSON.stringify(result.diagnostics.map((d) => d.code))).toBeGreaterThan(0);
    expect(found[0].severity).toBe(documented.get(code)?.severity);
    if (found[0].severity === 'error') expect(result.ok).toBe(false);
  });

  it.each(brokenFiles)(
    '%s: every diagnostic is documented, located and worded in German and English',
    (file) => {
      const { diagnostics } = loadFlow(readFileSync(`${brokenDir}${file}`, 'utf8'), options);
      for (const d of diagnostics) {
        expect(documented.has(d.code), `undocumented code ${d.code}`).toBe(true);
        expect(d.path === '' || d.path.startsWith('/')).toBe(true);
        expect(d.message.de.length).toBeGreaterThan(10);
        expect(d.message.en.length).toBeGreaterThan(10);
        expect(d.message.de).not.toBe(d.message.en);
        if (d.path.startsWith('/nodes/')) expect(d.nodeId).toBeTruthy();
      }
    },
  );
});

describe('valid flows', () => {
  it.each(readdirSync(here('./valid/')))('corpus fixture %s loads without any diagnostic', (file) => {
    const result = loadFlow(readFileSync(here(`./valid/${file}`), 'utf8'));
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  const examples = existsSync(here('../../flows/'))
    ? readdirSync(here('../../flows/')).filter((f) => f.endsWith('.flow.json'))
    : [];
  it.each(examples)('example flow %s compiles', (file) => {
    const result = loadFlow(readFileSync(here(`../../flows/${file}`), 'utf8'));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
