// The retention purge: shreds every note past its deadline, in batches, with a receipt each.
// Idempotent (a note already gone is skipped) and resumable: a crash mid-purge leaves notes
// either intact or shredded-with-receipt, and the next pass picks up the rest.
import type { Logger } from '../log';
import type { Shredder } from './shredding';
import type { CallNoteRepository } from './types';

export interface PurgeDeps {
  notes: CallNoteRepository;
  shredder: Shredder;
  log: Logger;
  now: () => number;
}

export async function purgeExpired(deps: PurgeDeps, batch = 200): Promise<number> {
  let purged = 0;
  // First finish deletions a crash interrupted, with the reason they started with.
  for (const p of await deps.notes.pendingShreds(1000))
    if (await deps.shredder.shred(p.tenantId, p.txId, p.reason, { compact: false })) purged++;
  await deps.notes.sweepOrphanKeys();
  for (;;) {
    const expired = await deps.notes.expired(deps.now(), batch);
    for (const { tenantId, txId } of expired)
      if (await deps.shredder.shred(tenantId, txId, 'expired', { compact: false })) purged++;
    if (expired.length < batch) break;
  }
  // secure_delete already overwrote the rows; the checkpoint also empties the WAL of them.
  if (purged > 0) await deps.notes.compact();
  deps.log.info('retention.purge', { outcome: 'ok', count: purged });
  return purged;
}
