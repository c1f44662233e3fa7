// `callflow fmt [--check] <files…>`: writes flow files in canonical JSON (stable key order,
// 2-space indent, newline at the end), so git diffs show only real changes. `--check` changes
// nothing and exits 1 listing the files that are not canonical (for CI).
import { writeFile } from 'node:fs/promises';
import { canonicalJson } from '../../flow/canonical';
import { parseJson } from '../../flow/loader/parse';
import type { CliCommand } from '../command';
import { expandFolders, langOf, parseArgs, readText, reportFailure, usageError } from './flow-file';

const looksLikeFlow = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'schemaVersion' in v;

const usage = 'callflow fmt [--check] <files or folders…> [--lang de|en]';

export const command: CliCommand = {
  name: 'fmt',
  summary: 'Rewrite flow files in canonical form; --check only lists files that are not.',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['check', 'lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files.length === 0) return usageError(io, usage, 'no files given');
    const files = await expandFolders(parsed.files, io);
    const lang = langOf(parsed.flags, io.env);
    const check = parsed.flags.has('check');
    let failed = false;
    const unformatted: string[] = [];
    for (const file of files) {
      const read = await readText(file, io, lang);
      if (!read.ok) {
        io.stderr(`${read.message}\n`);
        failed = true;
        continue;
      }
      const json = parseJson(read.text);
      if (!json.ok) {
        reportFailure(io, file, [json.diagnostic], lang);
        failed = true;
        continue;
      }
      if (!looksLikeFlow(json.value)) {
        // The canonical key order is the flow's; applied to other JSON (package.json…) it would
        // only shuffle keys, so such files are left alone.
        io.stderr(
          lang === 'de'
            ? `${file}: kein Anrufablauf („schemaVersion“ fehlt) – nicht formatiert\n`
            : `${file}: not a call flow (no "schemaVersion") – not formatted\n`,
        );
        failed = true;
        continue;
      }
      const canonical = canonicalJson(json.value);
      if (canonical === read.text) continue;
      unformatted.push(file);
      if (!check) await writeFile(read.path, canonical, 'utf8');
    }
    for (const file of unformatted) {
      io.stdout(check ? `${file}\n` : lang === 'de' ? `${file}: neu formatiert\n` : `${file}: formatted\n`);
    }
    if (check && unformatted.length > 0) {
      io.stderr(
        lang === 'de'
          ? `${unformatted.length} ${unformatted.length === 1 ? 'Datei ist' : 'Dateien sind'} nicht kanonisch formatiert. Beheben mit: callflow fmt <Dateien>\n`
          : `${unformatted.length} ${unformatted.length === 1 ? 'file is' : 'files are'} not canonically formatted. Fix with: callflow fmt <files>\n`,
      );
    }
    if (check && !failed && unformatted.length === 0) {
      const n = files.length;
      io.stdout(
        lang === 'de'
          ? `${n} ${n === 1 ? 'Datei ist' : 'Dateien sind'} kanonisch formatiert.\n`
          : `${n} ${n === 1 ? 'file is' : 'files are'} canonically formatted.\n`,
      );
    }
    return failed || (check && unformatted.length > 0) ? 1 : 0;
  },
};
