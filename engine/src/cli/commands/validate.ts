// `callflow validate <files…> [--json] [--lang de|en]`: loads each flow and prints every
// problem and warning, grouped per file. Exit 1 when any file has an error or cannot be read.
import { loadFlow, type LoadOptions } from '../../flow/loader/load';
import type { Diagnostic } from '../../flow/diagnostics';
import type { CliCommand, CliIO } from '../command';
import {
  countText,
  diagnosticText,
  expandFolders,
  langOf,
  parseArgs,
  readText,
  usageError,
  type Lang,
} from './flow-file';

const usage = 'callflow validate <files or folders…> [--json] [--targets <id,id…>] [--lang de|en]';

interface FileResult {
  file: string;
  ok: boolean;
  /** Set when the file could not be read at all. */
  error?: string;
  diagnostics: Diagnostic[];
}

async function check(file: string, io: CliIO, lang: Lang, options: LoadOptions): Promise<FileResult> {
  const read = await readText(file, io, lang);
  if (!read.ok) return { file, ok: false, error: read.message, diagnostics: [] };
  const result = loadFlow(read.text, options);
  return { file, ok: result.ok, diagnostics: result.diagnostics };
}

function printText(results: FileResult[], io: CliIO, lang: Lang): void {
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    if (r.error) {
      errors++;
      io.stdout(`${r.error}\n`);
      continue;
    }
    const e = r.diagnostics.filter((d) => d.severity === 'error').length;
    const w = r.diagnostics.length - e;
    errors += e;
    warnings += w;
    const verdict =
      r.diagnostics.length === 0 ? (lang === 'de' ? 'in Ordnung' : 'OK') : countText(e, w, lang);
    io.stdout(`${r.file}: ${verdict}\n`);
    for (const d of r.diagnostics) io.stdout(diagnosticText(d, lang));
  }
  const n = results.length;
  const files =
    lang === 'de'
      ? `${n} ${n === 1 ? 'Datei' : 'Dateien'} geprüft`
      : `${n} ${n === 1 ? 'file' : 'files'} checked`;
  io.stdout(`\n${files}: ${countText(errors, warnings, lang)}\n`);
}

export const command: CliCommand = {
  name: 'validate',
  summary: 'Check flow files: every problem and warning, in German or English (exit 1 on problems).',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['json', 'lang', 'targets'], ['lang', 'targets']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files.length === 0) return usageError(io, usage, 'no files given');
    const files = await expandFolders(parsed.files, io);
    const lang = langOf(parsed.flags, io.env);
    const results: FileResult[] = [];
    // The organisation's allow-list of transfer targets, when known (e.g. in the integrator's CI).
    const targets = parsed.flags.get('targets');
    const options: LoadOptions =
      typeof targets === 'string'
        ? {
            handoffTargets: targets
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean),
          }
        : {};
    for (const file of files) results.push(await check(file, io, lang, options));
    if (parsed.flags.has('json')) io.stdout(`${JSON.stringify(results, null, 2)}\n`);
    else printText(results, io, lang);
    return results.every((r) => r.ok) ? 0 : 1;
  },
};
