// `callflow diff <a> <b> [--json] [--lang de|en]`: what changed in the call flow from a to b, as
// sentences for a pull request or as JSON for tools. Layout is ignored. Flows that do not load
// are compared as written (with a note), so work in progress can be reviewed too.
import { parseJson } from '../../flow/loader/parse';
import { loadFlow } from '../../flow/loader/load';
import { migrateFlow } from '../../flow/loader/migrate';
import { diffFlows, renderDiffText } from '../../flow/diff/index';
import type { CliCommand, CliIO } from '../command';
import { langOf, parseArgs, readText, reportFailure, usageError, type Lang } from './flow-file';

const usage = 'callflow diff <a> <b> [--json] [--lang de|en]';

interface Side {
  file: string;
  value: unknown;
  /** The loaded flow (defaults applied) when it is valid. */
  loaded?: unknown;
}

async function side(file: string, io: CliIO, lang: Lang): Promise<Side | undefined> {
  const read = await readText(file, io, lang);
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return undefined;
  }
  const json = parseJson(read.text);
  if (!json.ok) {
    reportFailure(io, file, [json.diagnostic], lang);
    return undefined;
  }
  const result = loadFlow(read.text);
  if (result.ok) return { file, value: json.value, loaded: result.compiled.flow };
  // Not a flow at all (not an object, unknown format version): nothing sensible to compare.
  const value = json.value;
  const migrated =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? migrateFlow(value as Record<string, unknown>)
      : undefined;
  if (!migrated?.ok) {
    reportFailure(io, file, migrated?.diagnostics ?? result.diagnostics, lang);
    return undefined;
  }
  return { file, value: migrated.doc };
}

export const command: CliCommand = {
  name: 'diff',
  summary: 'Show what changed between two versions of a flow (layout ignored).',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['json', 'lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files.length !== 2) return usageError(io, usage, 'give exactly two files');
    const lang = langOf(parsed.flags, io.env);
    const [a, b] = [await side(parsed.files[0], io, lang), await side(parsed.files[1], io, lang)];
    if (!a || !b) return 1;
    // Compare like with like: both with defaults applied, or both as written.
    const both = a.loaded !== undefined && b.loaded !== undefined;
    for (const s of both ? [] : [a, b].filter((x) => x.loaded === undefined)) {
      io.stderr(
        lang === 'de'
          ? `Hinweis: ${s.file} hat Fehler (siehe callflow validate); verglichen wird der Text, wie er ist.\n`
          : `Note: ${s.file} has problems (see callflow validate); comparing the files as written.\n`,
      );
    }
    const changes = both ? diffFlows(a.loaded, b.loaded) : diffFlows(a.value, b.value);
    io.stdout(
      parsed.flags.has('json') ? `${JSON.stringify(changes, null, 2)}\n` : renderDiffText(changes, lang),
    );
    return 0;
  },
};
