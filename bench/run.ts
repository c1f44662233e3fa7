// Runs the benchmarks: every bench/*.bench.ts, or only those named on the command line
// (`npm run bench -- compile`). Each module exports `name`, `title` and `run(): Promise<{ markdown }>`
// (as named exports or as a default object). The result replaces that benchmark's section in
// BENCHMARKS.md, between <!-- bench:NAME --> and <!-- /bench:NAME -->; other sections stay as they are.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Bench {
  name: string;
  title: string;
  run(): Promise<{ markdown: string }>;
}

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS = resolve(here, '..', 'BENCHMARKS.md');

function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`;
}

function header(): string {
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (all) or `npm run bench -- <name>` (one); each section is replaced',
    'by its own run. Performance goals live here, never as timed test assertions.',
    '',
    `Machine: ${machine()}. File created ${new Date().toISOString().slice(0, 10)}.`,
    '',
  ].join('\n');
}

/** Replaces (or appends) the section of one benchmark. */
export function replaceSection(doc: string, name: string, body: string): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const section = `${open}\n${body.trim()}\n${close}`;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start >= 0 && end > start) return doc.slice(0, start) + section + doc.slice(end + close.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
}

async function loadBenches(): Promise<Bench[]> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const benches: Bench[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(resolve(here, file)).href)) as Partial<Bench> & {
      default?: Bench;
    };
    const bench = mod.default ?? (mod as Bench);
    benches.push({ name: bench.name ?? basename(file, '.bench.ts'), title: bench.title, run: bench.run });
  }
  return benches;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const all = await loadBenches();
  const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${all.map((b) => b.name).join(', ')}\n`,
    );
    process.exitCode = 2;
    return;
  }
  const selected = wanted.length > 0 ? all.filter((b) => wanted.includes(b.name)) : all;
  for (const bench of selected) {
    process.stdout.write(`\n## ${bench.title} (${bench.name})\n\n`);
    const { markdown } = await bench.run();
    process.stdout.write(`${markdown.trim()}\n`);
    const stamp = `_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}._`;
    const body = `## ${bench.title}\n\n${stamp}\n\n${markdown.trim()}`;
    // Re-read right before writing: other benchmarks (or people) may have changed the file meanwhile.
    const doc = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : header();
    writeFileSync(RESULTS, replaceSection(doc, bench.name, body));
  }
  process.stdout.write(`\nUpdated ${basename(RESULTS)} (${selected.map((b) => b.name).join(', ')}).\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
