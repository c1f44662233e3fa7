// One way to delete a call note: shred it (data key and row gone) with its receipt written in
// the same transaction, then log the receipt position (a PII-free anchor outside the database
// that exposes a rollback of the whole chain).
import type { Logger } from '../log';
import type { DeletionReason } from '../privacy/receipts';
import type { CallNoteRepository } from './types';

export interface Shredder {
  /**
   * Shreds one note with its receipt. `compact` (default true) also checkpoints the storage so the
   * deleted bytes leave the WAL at once; the purge turns it off and compacts once per batch.
   */
  shred(
    tenantId: string,
    txId: string,
    reason: DeletionReason,
    options?: { compact?: boolean },
  ): Promise<boolean>;
}

export function createShredder(
  notes: CallNoteRepository,
  hmacKey: Buffer,
  now: () => number,
  log: Logger,
): Shredder {
  return {
    async shred(tenantId, txId, reason, options = {}) {
      const receipt = await notes.shred({ tenantId, txId, reason, deletedAt: now() }, hmacKey);
      if (!receipt) return false;
      if (options.compact ?? true) await notes.compact();
      log.info('record.shredded', { tenantId, txId, reason, seq: receipt.seq });
      return true;
    },
  };
}
