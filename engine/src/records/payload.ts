// The webhook payload (schema: schemas/webhook.v1.schema.json, generated from the definition
// below by scripts/gen-schemas.ts). The note itself plus the ids the receiver needs to file it;
// the txId doubles as idempotency key (also sent as the `Idempotency-Key` header).
import { Type, type Static } from '@sinclair/typebox';
import { CallRecord } from '../flow/record/schema';

export const WEBHOOK_SCHEMA_ID = 'https://callflow.dev/schemas/webhook.v1.schema.json';

export const WebhookPayload = Type.Object(
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
  {
    $id: WEBHOOK_SCHEMA_ID,
    title: 'Callflow webhook payload v1',
    description:
      'POSTed as JSON to the webhook URL of a flow. Verify the Callflow-Signature header ' +
      '(t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>) before trusting it.',
    additionalProperties: false,
  },
);

export type WebhookPayload = Static<typeof WebhookPayload>;

export function webhookPayload(
  flowId: string,
  flowVersion: number | null,
  record: CallRecord,
): WebhookPayload {
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
