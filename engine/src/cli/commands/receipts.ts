// `callflow receipts verify`: is the deletion-receipt chain intact (nothing modified, deleted,
// reordered or cut off)? Against a server (CALLFLOW_URL + CALLFLOW_TOKEN with receipts:read), or
// on the server host with `--data-dir <dir>` (database opened read-only; master key from
// CALLFLOW_MASTER_KEY or <dir>/master.key). Exit 0 = intact, 1 = problems or error, 2 = usage.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChainProblem } from '../../privacy/receipts';
import { verifyDataDir } from '../../records/offline-receipts';
import type { ChainVerdict } from '../../records/services';
import { MASTER_KEY_FILE, parseMasterKey } from '../../store/data-dir';
import type { CliCommand, CliIO } from '../command';
import { langOf, parseArgs, usageError } from './flow-file';
import { needToken, reportApiError, serverApi } from './server-api';

const usage =
  'callflow receipts verify [--data-dir <dir>] [--lang de|en]   (env: CALLFLOW_URL, CALLFLOW_TOKEN, CALLFLOW_MASTER_KEY)';

function describeProblem(p: ChainProblem, lang: 'de' | 'en'): string {
  const de = lang === 'de';
  switch (p.code) {
    case 'receipt.modified':
      return de ? `Nachweis Nr. ${p.seq} wurde verändert` : `receipt #${p.seq} was modified`;
    case 'receipt.broken-link':
      return de
        ? `Nachweis Nr. ${p.seq} passt nicht an seinen Vorgänger`
        : `receipt #${p.seq} does not link to its predecessor`;
    case 'receipt.gap-or-reorder':
      return de
        ? `an Position ${p.expectedSeq} steht Nr. ${p.foundSeq} (gelöscht oder umsortiert)`
        : `position ${p.expectedSeq} holds #${p.foundSeq} (deleted or reordered)`;
    case 'receipt.foreign-tenant':
      return de
        ? `Nachweis Nr. ${p.seq} gehört einer anderen Organisation`
        : `receipt #${p.seq} belongs to another organisation`;
    case 'head.invalid':
      return de ? 'der gespeicherte Kettenkopf ist ungültig' : 'the stored chain head is invalid';
    case 'chain.truncated':
      return de
        ? `Kette abgeschnitten: Kopf bei Nr. ${p.headSeq}, letzter Nachweis Nr. ${p.lastSeq}`
        : `chain truncated: head at #${p.headSeq}, last receipt #${p.lastSeq}`;
  }
}

function printVerdict(io: CliIO, label: string, v: ChainVerdict, lang: 'de' | 'en'): void {
  if (v.ok) {
    io.stdout(
      lang === 'de'
        ? `✓ ${label}: Löschnachweise intakt (${v.count} Nachweise)\n`
        : `✓ ${label}: deletion receipts intact (${v.count} receipts)\n`,
    );
    return;
  }
  io.stdout(
    lang === 'de'
      ? `✗ ${label}: Löschnachweise beschädigt (${v.count} Nachweise)\n`
      : `✗ ${label}: deletion receipts damaged (${v.count} receipts)\n`,
  );
  for (const p of v.problems) io.stdout(`    ${p.code}: ${describeProblem(p, lang)}\n`);
}

function masterKeyFor(io: CliIO, dataDir: string): Buffer | undefined {
  if (io.env.CALLFLOW_MASTER_KEY) return parseMasterKey(io.env.CALLFLOW_MASTER_KEY);
  const file = path.join(dataDir, MASTER_KEY_FILE);
  return existsSync(file) ? parseMasterKey(readFileSync(file, 'utf8')) : undefined;
}

async function verifyOnServer(io: CliIO, lang: 'de' | 'en'): Promise<number> {
  if (!needToken(io)) return 1;
  const api = serverApi(io);
  const answer = await api.call<ChainVerdict>('GET', '/api/receipts/verify');
  if (!answer.ok) return reportApiError(io, answer, lang);
  printVerdict(io, api.baseUrl, answer.body, lang);
  return answer.body.ok ? 0 : 1;
}

function verifyLocally(io: CliIO, dir: string, lang: 'de' | 'en'): number {
  const dataDir = path.resolve(io.cwd, dir);
  const key = masterKeyFor(io, dataDir);
  if (!key) {
    io.stderr(
      lang === 'de'
        ? 'callflow: kein Hauptschlüssel (CALLFLOW_MASTER_KEY oder master.key)\n'
        : 'callflow: no master key (CALLFLOW_MASTER_KEY or master.key)\n',
    );
    return 1;
  }
  let verdicts: Map<string, ChainVerdict>;
  try {
    verdicts = verifyDataDir(dataDir, key);
  } catch {
    io.stderr(
      lang === 'de'
        ? `callflow: Datenbank in ${dataDir} nicht lesbar\n`
        : `callflow: cannot read the database in ${dataDir}\n`,
    );
    return 1;
  }
  if (verdicts.size === 0)
    io.stdout(lang === 'de' ? '✓ noch keine Löschnachweise\n' : '✓ no deletion receipts yet\n');
  for (const [tenant, v] of verdicts) printVerdict(io, tenant, v, lang);
  return [...verdicts.values()].every((v) => v.ok) ? 0 : 1;
}

export const command: CliCommand = {
  name: 'receipts',
  summary: 'Verify the deletion-receipt chain (server, or --data-dir on the server host).',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['data-dir', 'lang'], ['data-dir', 'lang']);
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.files[0] !== 'verify' || parsed.files.length !== 1)
      return usageError(io, usage, 'expected: receipts verify');
    const lang = langOf(parsed.flags, io.env);
    const dir = parsed.flags.get('data-dir');
    if (dir === true) return usageError(io, usage, '--data-dir needs a directory');
    return dir ? verifyLocally(io, dir, lang) : verifyOnServer(io, lang);
  },
};
