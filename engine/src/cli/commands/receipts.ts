// `callflow receipts`: the deletion-receipt chain from the outside.
//   verify [--checkpoint <file>…]  is the chain intact (nothing modified, deleted, reordered, cut
//                                  off) and does it contain every checkpoint kept (no rollback)?
//   checkpoint [--out <file>]      a signed checkpoint of the chain as it is now, to keep
//   keys                           the public keys that verify checkpoints (no token needed)
// Against a server (CALLFLOW_URL + CALLFLOW_TOKEN with receipts:read), or for `verify` and `keys`
// on the server host with `--data-dir <dir>` (database opened read-only; master key from
// CALLFLOW_MASTER_KEY or <dir>/master.key). Exit 0 = intact, 1 = problems or error, 2 = usage.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChainVerdict } from '../../privacy/chain-verdict';
import { checkpointsIn, type Checkpoint, type PublicKeyEntry } from '../../privacy/checkpoints';
import { publicKeysInDataDir, verifyDataDir } from '../../records/offline-receipts';
import { MASTER_KEY_FILE, parseMasterKey } from '../../store/data-dir';
import type { CliCommand, CliIO } from '../command';
import { langOf, parseArgs, readText, usageError, type Lang } from './flow-file';
import { printKeys, printVerdict } from './receipts-text';
import { needToken, reportApiError, serverApi } from './server-api';

const usage = [
  'callflow receipts verify [--checkpoint <file>…] [--data-dir <dir>] [--lang de|en]',
  '       callflow receipts checkpoint [--out <file>]',
  '       callflow receipts keys [--data-dir <dir>]',
  '       (env: CALLFLOW_URL, CALLFLOW_TOKEN, CALLFLOW_MASTER_KEY)',
].join('\n');

type KeyList = (PublicKeyEntry & { createdAt: number | null })[];

function masterKeyFor(io: CliIO, dataDir: string, lang: Lang): Buffer | undefined {
  if (io.env.CALLFLOW_MASTER_KEY) return parseMasterKey(io.env.CALLFLOW_MASTER_KEY);
  const file = path.join(dataDir, MASTER_KEY_FILE);
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'));
  io.stderr(
    lang === 'de'
      ? 'callflow: kein Hauptschlüssel (CALLFLOW_MASTER_KEY oder master.key)\n'
      : 'callflow: no master key (CALLFLOW_MASTER_KEY or master.key)\n',
  );
  return undefined;
}

function unreadable(io: CliIO, dataDir: string, lang: Lang): number {
  io.stderr(
    lang === 'de'
      ? `callflow: Datenbank in ${dataDir} nicht lesbar\n`
      : `callflow: cannot read the database in ${dataDir}\n`,
  );
  return 1;
}

/** `--checkpoint a.json b.json` and `--checkpoint=a.json` (repeatable): the files, and the other args. */
function splitCheckpointArgs(args: string[]): { files: string[]; rest: string[] } {
  const files: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--checkpoint=')) files.push(arg.slice('--checkpoint='.length));
    else if (arg === '--checkpoint')
      while (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) files.push(args[++i]);
    else rest.push(arg);
  }
  return { files, rest };
}

async function readCheckpoints(io: CliIO, files: string[], lang: Lang): Promise<Checkpoint[] | undefined> {
  const all: Checkpoint[] = [];
  for (const file of files) {
    const read = await readText(file, io, lang);
    if (!read.ok) {
      io.stderr(`callflow: ${read.message}\n`);
      return undefined;
    }
    let found: Checkpoint[] | undefined;
    try {
      found = checkpointsIn(JSON.parse(read.text));
    } catch {
      found = undefined;
    }
    if (!found) {
      io.stderr(
        lang === 'de'
          ? `callflow: ${file} enthält keinen Kontrollpunkt der Löschnachweise\n`
          : `callflow: ${file} holds no receipt checkpoint\n`,
      );
      return undefined;
    }
    all.push(...found);
  }
  return all;
}

async function verifyOnServer(io: CliIO, checkpoints: Checkpoint[], lang: Lang): Promise<number> {
  if (!needToken(io)) return 1;
  const api = serverApi(io);
  const answer =
    checkpoints.length > 0
      ? await api.call<ChainVerdict>('POST', '/api/receipts/verify', { checkpoints })
      : await api.call<ChainVerdict>('GET', '/api/receipts/verify');
  if (!answer.ok) return reportApiError(io, answer, lang);
  printVerdict(io, api.baseUrl, answer.body, lang);
  return answer.body.ok ? 0 : 1;
}

function verifyLocally(io: CliIO, dataDir: string, checkpoints: Checkpoint[], lang: Lang): number {
  const key = masterKeyFor(io, dataDir, lang);
  if (!key) return 1;
  let verdicts: Map<string, ChainVerdict>;
  try {
    verdicts = verifyDataDir(dataDir, key, { checkpoints });
  } catch {
    return unreadable(io, dataDir, lang);
  }
  if (verdicts.size === 0)
    io.stdout(lang === 'de' ? '✓ noch keine Löschnachweise\n' : '✓ no deletion receipts yet\n');
  for (const [tenant, v] of verdicts) printVerdict(io, tenant, v, lang);
  return [...verdicts.values()].every((v) => v.ok) ? 0 : 1;
}

async function verify(io: CliIO, files: string[], lang: Lang, dataDir: string | undefined): Promise<number> {
  const checkpoints = await readCheckpoints(io, files, lang);
  if (!checkpoints) return 1;
  return dataDir ? verifyLocally(io, dataDir, checkpoints, lang) : verifyOnServer(io, checkpoints, lang);
}

async function checkpoint(io: CliIO, out: string | undefined, lang: Lang): Promise<number> {
  if (!needToken(io)) return 1;
  const answer = await serverApi(io).call<Checkpoint>('POST', '/api/receipts/checkpoints', {});
  if (!answer.ok) return reportApiError(io, answer, lang);
  const text = `${JSON.stringify(answer.body, null, 2)}\n`;
  if (!out) {
    io.stdout(text);
    return 0;
  }
  await writeFile(path.resolve(io.cwd, out), text, { mode: 0o644 });
  io.stderr(
    lang === 'de'
      ? `Kontrollpunkt bei Nr. ${answer.body.count} gespeichert: ${out}\n`
      : `checkpoint at #${answer.body.count} saved: ${out}\n`,
  );
  return 0;
}

async function keys(io: CliIO, dataDir: string | undefined, lang: Lang): Promise<number> {
  if (dataDir) {
    const key = masterKeyFor(io, dataDir, lang);
    if (!key) return 1;
    try {
      printKeys(io, publicKeysInDataDir(dataDir, key), lang);
      return 0;
    } catch {
      return unreadable(io, dataDir, lang);
    }
  }
  // A public route: no token, so anyone holding a checkpoint can fetch the keys.
  const answer = await serverApi(io, undefined).call<{ keys: KeyList }>('GET', '/api/receipts/keys');
  if (!answer.ok) return reportApiError(io, answer, lang);
  printKeys(io, answer.body.keys, lang);
  return 0;
}

export const command: CliCommand = {
  name: 'receipts',
  summary:
    'Deletion receipts: verify the chain (also against kept checkpoints), get a checkpoint, list keys.',
  usage,
  async run(args, io) {
    const { files: checkpointFiles, rest } = splitCheckpointArgs(args);
    const parsed = parseArgs(rest, ['data-dir', 'lang', 'out'], ['data-dir', 'lang', 'out']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const [sub, ...extra] = parsed.files;
    if (extra.length > 0 || !['verify', 'checkpoint', 'keys'].includes(sub ?? ''))
      return usageError(io, usage, 'expected: receipts verify | checkpoint | keys');
    if (sub !== 'verify' && checkpointFiles.length > 0)
      return usageError(io, usage, '--checkpoint belongs to receipts verify');
    const lang = langOf(parsed.flags, io.env);
    const dir = parsed.flags.get('data-dir');
    const dataDir = typeof dir === 'string' ? path.resolve(io.cwd, dir) : undefined;
    const out = parsed.flags.get('out');
    if (sub === 'checkpoint') {
      if (dataDir) return usageError(io, usage, 'a checkpoint is signed by the server: no --data-dir');
      return checkpoint(io, typeof out === 'string' ? out : undefined, lang);
    }
    if (sub === 'keys') return keys(io, dataDir, lang);
    return verify(io, checkpointFiles, lang, dataDir);
  },
};
