// `callflow hash <file>`: the content hash call records reference (sha256 of the canonical flow
// without layout and $schema). Only valid flows have a hash: a flow that cannot run handles no call.
import type { CliCommand } from '../command';
import { langOf, loadFile, parseArgs, usageError } from './flow-file';

const usage = 'callflow hash <file> [--lang de|en]';

export const command: CliCommand = {
  name: 'hash',
  summary: 'Print the content hash of a flow (layout and $schema excluded).',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files.length !== 1) return usageError(io, usage, 'give exactly one file');
    const compiled = await loadFile(parsed.files[0], io, langOf(parsed.flags, io.env));
    if (!compiled) return 1;
    io.stdout(`${compiled.contentHash}\n`);
    return 0;
  },
};
