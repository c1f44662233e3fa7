// `callflow privacy <file> [--lang de|en] [--json]`: the flow's processing record — which details,
// which data categories, which sub-processor sees what, retention, security measures — as Markdown
// for the organisation's GDPR records, or as JSON.
import { buildProcessingRecord, renderProcessingRecordMarkdown } from '../../flow/privacy/index';
import type { CliCommand } from '../command';
import { langOf, loadFile, parseArgs, usageError } from './flow-file';

const usage = 'callflow privacy <file> [--lang de|en] [--json]';

export const command: CliCommand = {
  name: 'privacy',
  summary: "Print a flow's processing record (fields, sub-processors, retention) as Markdown.",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['lang', 'json']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files.length !== 1) return usageError(io, usage, 'give exactly one file');
    const lang = langOf(parsed.flags, io.env);
    const compiled = await loadFile(parsed.files[0], io, lang);
    if (!compiled) return 1;
    const record = buildProcessingRecord(compiled.flow, { contentHash: compiled.contentHash });
    io.stdout(
      parsed.flags.has('json')
        ? `${JSON.stringify(record, null, 2)}\n`
        : renderProcessingRecordMarkdown(record, lang),
    );
    return 0;
  },
};
