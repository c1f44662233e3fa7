// Rows of the checkpoint tables as records, the same on both dialects (their repositories:
// sqlite/checkpoints.ts, pg/checkpoints.ts).
import { CHECKPOINT_FORMAT, type Checkpoint } from '../privacy/checkpoints';
import type { ReceiptWebhook } from '../records/types';

/** The table holds every field but the format tag, which is implied. */
export const toCheckpoint = (row: Omit<Checkpoint, 'format'>): Checkpoint => ({
  format: CHECKPOINT_FORMAT,
  ...row,
});

export interface ReceiptWebhookRow {
  tenantId: string;
  url: string;
  deliveredCount: number;
  deliveredFinal: boolean;
  attempts: number;
  nextAttemptAt: number;
}

export function toReceiptWebhook(row: ReceiptWebhookRow): ReceiptWebhook {
  const { deliveredCount, deliveredFinal, ...rest } = row;
  return { ...rest, delivered: { count: deliveredCount, final: deliveredFinal } };
}

/** A new or changed URL starts over: the current checkpoint goes out first, at once. */
export const freshWebhook = (url: string, now: number) => ({
  url,
  deliveredCount: -1,
  deliveredFinal: false,
  attempts: 0,
  nextAttemptAt: now,
  updatedAt: now,
});
