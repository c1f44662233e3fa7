// The webhook payloads (schema: schemas/webhook.v1.schema.json, generated from the definitions
// below by scripts/gen-schemas.ts), told apart by `type`:
//   - `call.note` to a flow's webhook: the note itself plus the ids the receiver needs to file it;
//     the txId doubles as idempotency key (also sent as the `Idempotency-Key` header);
//   - `receipts.checkpoint` to the organisation's receipts webhook: a signed checkpoint of its
//     deletion-receipt chain, to keep (see ../privacy/checkpoints.ts).
import { Type, type Static } from '@sinclair/typebox';
import { CHECKPOINT_FORMAT, type Checkpoint } from '../privacy/checkpoints';
import { CallRecord } from '../flow/record/schema';

export const WEBHOOK_SCHEMA_ID = 'https://callflow.dev/schemas/webhook.v1.schema.json';

export const CallNotePayload = Type.Object(
  {
    type: Type.Literal('call.note', { description: 'What this delivery is: one call note.' }),
    payloadVersion: Type.Literal(1),
    txId: Type.String({
      minLength: 1,
      description:
        'Transaction id of the call; the idempotency key: a repeated delivery carries the same txId.',
    }),
    flowId: Type.String({ description: 'Id of the flow that handled the call.' }),
    flowVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'Published version; null for a test call of a draft.',
    }),
    test: Type.Boolean({ description: 'A test call (designer test chat, /simulate), not a real caller.' }),
    record: CallRecord,
  },
  { description: 'One call note, POSTed to the webhook URL of its flow.', additionalProperties: false },
);

const hex = (description: string) => Type.String({ pattern: '^[0-9a-f]{64}$', description });

export const ReceiptCheckpointSchema = Type.Object(
  {
    format: Type.Literal(CHECKPOINT_FORMAT),
    tenantId: Type.String({ minLength: 1, description: 'The organisation whose chain this is.' }),
    count: Type.Integer({ minimum: 0, description: 'Receipts in the chain when the checkpoint was made.' }),
    headHash: hex('Hash of receipt number `count` (the genesis hash for an empty chain).'),
    time: Type.String({ format: 'date-time', description: 'When the checkpoint was made.' }),
    keyId: Type.String({
      pattern: '^[0-9a-f]{16}$',
      description: 'Id of the Ed25519 public key that verifies the signature (GET /api/receipts/keys).',
    }),
    final: Type.Boolean({ description: 'The chain is closed (the organisation was deleted).' }),
    signature: Type.String({
      pattern: '^[A-Za-z0-9_-]{86}$',
      description:
        'Ed25519 signature, base64url, over the UTF-8 JSON array ' +
        '["callflow/receipt-checkpoint/v1", tenantId, count, headHash, time, keyId, final].',
    }),
  },
  { additionalProperties: false },
);

export const CheckpointPayload = Type.Object(
  {
    type: Type.Literal('receipts.checkpoint', {
      description: 'What this delivery is: a signed checkpoint of the deletion-receipt chain.',
    }),
    payloadVersion: Type.Literal(1),
    checkpoint: ReceiptCheckpointSchema,
  },
  {
    description:
      "POSTed to the organisation's receipts webhook. Keep every checkpoint: with them " +
      '`callflow receipts verify --checkpoint` proves no deletion receipt was removed or rolled back since.',
    additionalProperties: false,
  },
);

export const WebhookPayload = Type.Union([CallNotePayload, CheckpointPayload], {
  $id: WEBHOOK_SCHEMA_ID,
  title: 'Callflow webhook payload v1',
  description:
    'POSTed as JSON to a webhook; `type` says which payload it is. Verify the Callflow-Signature header ' +
    '(t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>) before trusting it.',
});

export type CallNotePayload = Static<typeof CallNotePayload>;
export type CheckpointPayload = Static<typeof CheckpointPayload>;
export type WebhookPayload = Static<typeof WebhookPayload>;

export function webhookPayload(
  flowId: string,
  flowVersion: number | null,
  record: CallRecord,
): CallNotePayload {
  return {
    type: 'call.note',
    payloadVersion: 1,
    txId: record.txId,
    flowId,
    flowVersion,
    test: record.test,
    record,
  };
}

export function checkpointPayload(checkpoint: Checkpoint): CheckpointPayload {
  return { type: 'receipts.checkpoint', payloadVersion: 1, checkpoint };
}
