// What `callflow receipts` prints: a verdict per organisation, each problem in plain words
// (German first), and the public keys that verify checkpoints. Not a command itself.
import type { ChainVerdict, VerdictProblem } from '../../privacy/chain-verdict';
import { publicKeyPem, type PublicKeyEntry } from '../../privacy/checkpoints';
import type { CliIO } from '../command';
import type { Lang } from './flow-file';

function describeProblem(p: VerdictProblem, lang: Lang): string {
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
    case 'head.missing':
      return de
        ? `der Kettenkopf fehlt (letzter Nachweis Nr. ${p.lastSeq})`
        : `the chain head is missing (last receipt #${p.lastSeq})`;
    case 'chain.truncated':
      return de
        ? `Kette abgeschnitten: Kopf bei Nr. ${p.headSeq}, letzter Nachweis Nr. ${p.lastSeq}`
        : `chain truncated: head at #${p.headSeq}, last receipt #${p.lastSeq}`;
    case 'checkpoint.foreign-tenant':
      return de
        ? `Kontrollpunkt bei Nr. ${p.count} gehört einer anderen Organisation`
        : `checkpoint at #${p.count} belongs to another organisation`;
    case 'checkpoint.unknown-key':
      return de
        ? `Kontrollpunkt bei Nr. ${p.count}: unbekannter Schlüssel ${p.keyId}`
        : `checkpoint at #${p.count}: unknown key ${p.keyId}`;
    case 'checkpoint.bad-signature':
      return de
        ? `Kontrollpunkt bei Nr. ${p.count}: Unterschrift ungültig`
        : `checkpoint at #${p.count}: invalid signature`;
    case 'checkpoint.missing-receipts':
      return de
        ? `Kontrollpunkt bei Nr. ${p.count}, die Kette hat nur ${p.chainCount} Nachweise (gekürzt, zurückgesetzt oder gelöscht)`
        : `checkpoint at #${p.count}, but the chain holds only ${p.chainCount} receipts (truncated, rolled back or erased)`;
    case 'checkpoint.mismatch':
      return de
        ? `an Position ${p.count} steht ein anderer Nachweis als im Kontrollpunkt (Kette umgeschrieben)`
        : `position ${p.count} holds another receipt than the checkpoint (chain rewritten)`;
    case 'chain.reopened':
      return de
        ? `nach dem Abschluss bei Nr. ${p.count} wurden Nachweise angehängt (jetzt ${p.chainCount})`
        : `receipts were appended after the chain was closed at #${p.count} (now ${p.chainCount})`;
    case 'chain.unclosed':
      return de
        ? 'die Organisation ist gelöscht, ihre Kette aber nicht abgeschlossen'
        : 'the organisation is gone but its chain was never closed';
  }
}

export function printVerdict(io: CliIO, label: string, v: ChainVerdict, lang: Lang): void {
  const de = lang === 'de';
  const checked =
    v.checkpoints === 0
      ? ''
      : de
        ? `, ${v.checkpoints} Kontrollpunkte geprüft`
        : `, ${v.checkpoints} checkpoints checked`;
  if (v.ok) {
    const state = v.closed
      ? de
        ? 'intakt und abgeschlossen'
        : 'intact and closed'
      : de
        ? 'intakt'
        : 'intact';
    io.stdout(
      de
        ? `✓ ${label}: Löschnachweise ${state} (${v.count} Nachweise)${checked}\n`
        : `✓ ${label}: deletion receipts ${state} (${v.count} receipts)${checked}\n`,
    );
    return;
  }
  io.stdout(
    de
      ? `✗ ${label}: Löschnachweise beschädigt (${v.count} Nachweise)${checked}\n`
      : `✗ ${label}: deletion receipts damaged (${v.count} receipts)${checked}\n`,
  );
  for (const p of v.problems) io.stdout(`    ${p.code}: ${describeProblem(p, lang)}\n`);
}

export function printKeys(
  io: CliIO,
  keys: readonly (PublicKeyEntry & { createdAt: number | null })[],
  lang: Lang,
): void {
  for (const k of keys) {
    const since =
      k.createdAt === null
        ? ''
        : ` (${lang === 'de' ? 'seit' : 'since'} ${new Date(k.createdAt).toISOString()})`;
    io.stdout(lang === 'de' ? `Schlüssel ${k.keyId}${since}\n` : `key ${k.keyId}${since}\n`);
    io.stdout(publicKeyPem(k));
  }
}
