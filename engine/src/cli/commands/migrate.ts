// `callflow migrate <file> [--write]`: upgrades a flow to the current format version and prints
// it canonically (or writes it back with --write). The result is validated, so a migration never
// silently produces a flow that does not load.
import { writeFile } from 'node:fs/promises';
import { canonicalJson } from '../../flow/canonical';
import { loadFlow } from '../../flow/loader/load';
import { migrateFlow } from '../../flow/loader/migrate';
import { parseJson } from '../../flow/loader/parse';
import type { CliCommand } from '../command';
import { langOf, parseArgs, readText, reportFailure, usageError } from './flow-file';

const usage = 'callflow migrate <file> [--write] [--lang de|en]';

export const command: CliCommand = {
  name: 'migrate',
  summary: 'Upgrade a flow to the current format version (prints it, or --write to save).',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['write', 'lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files.length !== 1) return usageError(io, usage, 'give exactly one file');
    const [file] = parsed.files;
    const lang = langOf(parsed.flags, io.env);
    const read = await readText(file, io, lang);
    if (!read.ok) {
      io.stderr(`${read.message}\n`);
      return 1;
    }
    const json = parseJson(read.text);
    const value = json.ok ? json.value : undefined;
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    const migrated = isObject ? migrateFlow(value as Record<string, unknown>) : undefined;
    if (!migrated?.ok) {
      // Same wording as `validate`: invalid JSON with line/column, unknown versions, not an object.
      reportFailure(io, file, migrated?.diagnostics ?? loadFlow(read.text).diagnostics, lang);
      return 1;
    }
    const output = canonicalJson(migrated.doc);
    const check = loadFlow(output);
    if (!check.ok) reportFailure(io, file, check.diagnostics, lang);
    const { fromVersion: from, toVersion: to } = migrated;
    const note =
      from === to
        ? lang === 'de'
          ? `${file}: bereits Format ${to}`
          : `${file}: already at format ${to}`
        : lang === 'de'
          ? `${file}: von Format ${from} auf ${to} umgestellt`
          : `${file}: migrated from format ${from} to ${to}`;
    if (parsed.flags.has('write')) {
      if (output !== read.text) await writeFile(read.path, output, 'utf8');
      io.stdout(`${note}\n`);
    } else {
      io.stderr(`${note}\n`);
      io.stdout(output);
    }
    return check.ok ? 0 : 1;
  },
};
