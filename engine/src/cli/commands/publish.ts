// `callflow publish <flow> --message <text>`: publishes the flow's current draft on the server
// as a new immutable version. `<flow>` is the flow's id in the file (`arztpraxis`) or on the
// server (`flw_…`). Exit 1 when the draft has errors (they are printed).
import type { CliCommand } from '../command';
import { langOf, parseArgs, usageError } from './flow-file';
import { findFlow, needToken, reportApiError, serverApi } from './server-api';

const usage = 'callflow publish <flow> --message <text> [--lang de|en]   (env: CALLFLOW_URL, CALLFLOW_TOKEN)';

export const command: CliCommand = {
  name: 'publish',
  summary: "Publish a flow's draft on the server as a new version.",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['message', 'lang'], ['message', 'lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const message = parsed.flags.get('message');
    if (parsed.files.length !== 1 || typeof message !== 'string')
      return usageError(io, usage, 'give one flow and --message');
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
    const pub = await api.call<{ version: { number: number; contentHash: string }; created: boolean }>(
      'POST',
      `/api/flows/${found.flow.id}/versions`,
      { message },
    );
    if (!pub.ok) return reportApiError(io, pub, lang);
    const v = pub.body.version;
    io.stdout(
      `${found.flow.slug}: ${lang === 'de' ? 'Version' : 'version'} ${v.number} (${v.contentHash.slice(0, 12)})${pub.body.created ? '' : lang === 'de' ? ' — unverändert' : ' — unchanged'}\n`,
    );
    return 0;
  },
};
