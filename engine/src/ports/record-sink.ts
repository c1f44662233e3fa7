// Where a finished call's note goes. Chosen per flow by its settings: the store sink (encrypted
// at rest, retention, receipts) or the memory sink (zero persistence: no row, no file, ever).
import type { Retention } from '../flow/format/schema';
import type { CallRecord } from '../flow/record/schema';

export interface FinishedCall {
  tenantId: string;
  flowId: string;
  /** Published version that handled the call; null for drafts (test calls). */
  flowVersion: number | null;
  record: CallRecord;
  /**
   * Caller ID (E.164) for the pseudonymous data-subject index only — stored as an HMAC, never in
   * clear, even when the flow keeps the number out of the note itself.
   */
  callerNumber?: string;
  retention: Retention;
  zeroPersistence: boolean;
  delivery: { inbox: boolean; webhookUrl?: string };
}

export interface RecordSink {
  /** Takes responsibility for the note: stored (encrypted) or held in memory, and queued for delivery. */
  accept(call: FinishedCall): Promise<void>;
}
