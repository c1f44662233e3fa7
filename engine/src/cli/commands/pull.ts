// `callflow pull <flow> [--version <n>] [--out <file>]`: downloads a flow — its draft, or a
// published version — as canonical JSON, so it can live in git. Writes `<id>.flow.json` in the
// working directory unless `--out` says otherwise (`--out -` prints it).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { canonicalJson } from '../../flow/canonical';
import type { CliCommand } from '../command';
import { langOf, parseArgs, usageError } from './flow-file';
import { findFlow, needToken, reportApiError, serverApi } from './server-api';

const usage =
  'callflow pull <flow> [--version <n>] [--out <file>|-] [--lang de|en]   (env: CALLFLOW_URL, CALLFLOW_TOKEN)';

export const command: CliCommand = {
  name: 'pull',
  summary: 'Download a flow (draft or a version) from the server as canonical JSON.',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['version', 'out', 'lang'], ['version', 'out', 'lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files.length !== 1) return usageError(io, usage, 'give one flow');
    const version = parsed.flags.get('version');
    if (version !== undefined && !/^[1-9][0-9]*$/.test(String(version)))
      return usageError(io, usage, '--version must be a number');
    if (!needToken(io)) return 2;
    const lang = langOf(parsed.flags, io.env);
    const api = serverApi(io);
    const found = await findFlow(api, parsed.files[0]);
    if (!found.ok) return reportApiError(io, found, lang);
    if (!found.flow)
      return reportApiError(
        io,
        { code: 'not_found', message: `flow "${parsed.files[0]}" not found`, details: null },
        lang,
      );
    const path = version
      ? `/api/flows/${found.flow.id}/versions/${version}`
      : `/api/flows/${found.flow.id}/draft`;
    const got = await api.call<{ flow?: unknown; document?: unknown }>('GET', path);
    if (!got.ok) return reportApiError(io, got, lang);
    const text = canonicalJson(version ? got.body.flow : got.body.document);
    const out = String(parsed.flags.get('out') ?? `${found.flow.slug}.flow.json`);
    if (out === '-') io.stdout(text);
    else {
      await writeFile(resolve(io.cwd, out), text);
      io.stderr(
        `${out} ← ${found.flow.id}${version ? ` v${version}` : lang === 'de' ? ' (Entwurf)' : ' (draft)'}\n`,
      );
    }
    return 0;
  },
};
