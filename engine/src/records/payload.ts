// The webhook payload (schema: schemas/webhook.v1.schema.json). The note itself plus ids the
// receiver needs to file it; the txId doubles as idempotency key.
import type { CallRecord } from '../flow/record/schema';

export interface WebhookPayload {
  type: 'call.note';
  payloadVersion: 1;
  txId: string;
  flowId: string;
  flowVersion: number | null;
  test: boolean;
  record: CallRecord;
}

export function webhookPayload(flowId: string, flowVersion: number | null, record: CallRecord): WebhookPayload {
  return { type: 'call.note', payloadVersion: 1, txId: record.txId, flowId, flowVersion, test: record.test, record };
}
