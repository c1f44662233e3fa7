// Deleting a whole organisation (the operator's decision): every stored call note is
// crypto-shredded through the one shredding path, each with a receipt of reason
// `organisation-deleted`; notes held only in memory are dropped; then the organisation's rows
// go (flows, members, sessions, tokens, numbers, invitations, its audit, its tenant key).
// The receipt chain and its head stay: they hold no personal data and prove the deletions; a
// final signed checkpoint closes the chain, so it verifies as closed rather than as truncated.
import type { Store } from '../store/types';
import type { RecordsServices } from './services';

const PAGE = 500;

export interface OrganisationDeletion {
  shreddedNotes: number;
}

export async function deleteOrganisation(
  deps: { store: Store; records: Pick<RecordsServices, 'shredder' | 'memory' | 'checkpoints'> },
  tenantId: string,
): Promise<OrganisationDeletion> {
  const { store, records } = deps;
  let shreddedNotes = 0;
  // Deletions a crash interrupted finish with the reason they started with.
  for (const p of await store.callNotes.pendingShreds(10_000)) {
    if (p.tenantId === tenantId && (await records.shredder.shred(p.tenantId, p.txId, p.reason)))
      shreddedNotes++;
  }
  for (;;) {
    const page = await store.callNotes.list(tenantId, { limit: PAGE, includeTest: true });
    if (page.length === 0) break;
    let progress = 0;
    for (const note of page) {
      if (await records.shredder.shred(tenantId, note.txId, 'organisation-deleted', { compact: false }))
        progress++;
    }
    // Never delete the rows while a note is left: the cascade would remove it without a receipt.
    if (progress === 0) throw new Error('organisation deletion: call notes could not be shredded');
    shreddedNotes += progress;
  }
  await store.callNotes.compact();
  for (const note of records.memory.list(tenantId)) records.memory.drop(tenantId, note.record.txId);
  await records.checkpoints.close(tenantId);
  await store.tenants.delete(tenantId);
  return { shreddedNotes };
}
