// Shared by the flow commands (validate, fmt, diff, hash, migrate, privacy): reading files with
// plain-language errors, the output language, argument parsing and diagnostics as text.
// Not a command itself (the registry lists commands explicitly).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CompiledFlow } from '../../flow/compiled';
import type { Diagnostic } from '../../flow/diagnostics';
import { loadFlow } from '../../flow/loader/load';
import type { CliIO } from '../command';

export type Lang = 'de' | 'en';

/** `--lang de|en` wins; otherwise English only when LANG says so: German first. */
export function langOf(flags: Map<string, string | true>, env: CliIO['env']): Lang {
  const given = flags.get('lang');
  if (given === 'en' || given === 'de') return given;
  return (env.LANG ?? '').toLowerCase().startsWith('en') ? 'en' : 'de';
}

export interface ParsedArgs {
  files: string[];
  flags: Map<string, string | true>;
}

/**
 * `--flag`, `--flag value` (only for flags listed in `withValue`) and `--flag=value`; everything
 * else is a file. Returns an error text for unknown flags.
 */
export function parseArgs(
  args: string[],
  known: string[],
  withValue: string[] = ['lang'],
): ParsedArgs | string {
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name)) return `unknown option --${name}`;
    if (withValue.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return `--${name} needs a value`;
      flags.set(name, value);
    } else flags.set(name, true);
  }
  const lang = flags.get('lang');
  if (lang !== undefined && lang !== 'de' && lang !== 'en') return '--lang must be de or en';
  return { files, flags };
}

export function usageError(io: CliIO, usage: string, problem: string): number {
  io.stderr(`callflow: ${problem}\nUsage: ${usage}\n`);
  return 2;
}

const READ_ERRORS: Record<string, { de: string; en: string }> = {
  ENOENT: { de: 'Datei nicht gefunden', en: 'file not found' },
  EACCES: { de: 'keine Leseberechtigung', en: 'permission denied' },
  EISDIR: { de: 'ist ein Ordner, keine Datei', en: 'is a folder, not a file' },
};

export type ReadResult = { ok: true; text: string; path: string } | { ok: false; message: string };

/** Reads a text file relative to the working directory; failures come back as one readable line. */
export async function readText(file: string, io: CliIO, lang: Lang): Promise<ReadResult> {
  const path = resolve(io.cwd, file);
  try {
    return { ok: true, text: await readFile(path, 'utf8'), path };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason =
      READ_ERRORS[code]?.[lang] ??
      (lang === 'de'
        ? `nicht lesbar (${code || 'unbekannter Fehler'})`
        : `cannot be read (${code || 'unknown error'})`);
    return { ok: false, message: lang === 'de' ? `${file}: ${reason}` : `${file}: ${reason}` };
  }
}

const SEVERITY = {
  de: { error: 'Fehler', warning: 'Hinweis' },
  en: { error: 'problem', warning: 'warning' },
} as const;

/** One diagnostic as two indented lines: severity, code, node and path; then the message. */
export function diagnosticText(d: Diagnostic, lang: Lang): string {
  const where = [
    d.nodeId ? (lang === 'de' ? `Schritt ${d.nodeId}` : `node ${d.nodeId}`) : '',
    d.path ? `(${d.path})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `  ${SEVERITY[lang][d.severity]}  ${d.code}${where ? `  ${where}` : ''}\n    ${d.message[lang]}\n`;
}

/** "2 Fehler, 1 Hinweis" / "2 problems, 1 warning". */
export function countText(errors: number, warnings: number, lang: Lang): string {
  if (lang === 'de') return `${errors} Fehler, ${warnings} ${warnings === 1 ? 'Hinweis' : 'Hinweise'}`;
  return `${errors} ${errors === 1 ? 'problem' : 'problems'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
}

/** Prints every diagnostic of a file that failed to load, with the file name first. */
export function reportFailure(io: CliIO, file: string, diagnostics: readonly Diagnostic[], lang: Lang): void {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  io.stderr(`${file}: ${countText(errors, diagnostics.length - errors, lang)}\n`);
  for (const d of diagnostics) io.stderr(diagnosticText(d, lang));
}

/** Reads and loads one flow; on failure prints why (to stderr) and returns undefined. */
export async function loadFile(file: string, io: CliIO, lang: Lang): Promise<CompiledFlow | undefined> {
  const read = await readText(file, io, lang);
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return undefined;
  }
  const result = loadFlow(read.text);
  if (result.ok) return result.compiled;
  reportFailure(io, file, result.diagnostics, lang);
  return undefined;
}

/**
 * A folder stands for the `*.flow.json` files in it (sorted), so `callflow validate flows` works
 * where the shell does not expand `flows/*.flow.json`. Anything else is passed on as given.
 */
export async function expandFolders(files: string[], io: CliIO): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    const isFolder = await stat(resolve(io.cwd, file)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      out.push(file);
      continue;
    }
    const names = (await readdir(resolve(io.cwd, file))).filter((n) => n.endsWith('.flow.json')).sort();
    out.push(...(names.length ? names.map((n) => join(file, n)) : [file]));
  }
  return out;
}
