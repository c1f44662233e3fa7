// Deletion receipts for the auditor: the tenant's hash chain, and its verification with the
// server's receipt key against the separately stored, MAC'd chain head (checkpoints: ./checkpoints.ts). Receipts hold ids, a
// reason and a time — never personal content. Also the webhook secret (owner), derived from
// the master key, so the business can verify `Callflow-Signature` on its receiver.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER } from '../../delivery/signature';
import { DELETION_REASONS } from '../../privacy/receipts';
import { allow, type AppEnv } from '../context';
import { errorResponses, jsonContent, SECURITY } from '../schemas';

export const Receipt = z
  .object({
    receiptId: z.string(),
    seq: z.number(),
    txId: z.string(),
    tenantId: z.string(),
    reason: z.enum(DELETION_REASONS),
    deletedAt: z.string(),
    keyId: z.string(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('DeletionReceipt');
const Head = z.object({ seq: z.number(), hash: z.string(), mac: z.string() }).nullable();
const Problem = z.object({ code: z.string() }).passthrough().openapi('ChainProblem');
export const Verdict = z
  .object({
    ok: z.boolean(),
    count: z.number(),
    headSeq: z.number().nullable(),
    closed: z.boolean().openapi({ description: 'Closed by a final checkpoint (a deleted organisation).' }),
    checkpoints: z
      .number()
      .openapi({ description: 'Checkpoints checked: the ones given and the latest kept.' }),
    problems: z.array(Problem),
  })
  .openapi('ChainVerdict');

export const list = createRoute({
  method: 'get',
  path: '/api/receipts',
  tags: ['receipts'],
  security: SECURITY,
  summary: 'Deletion receipts of the organisation, in chain order',
  request: {
    query: z.object({
      afterSeq: z.coerce.number().int().min(0).optional(),
      limit: z.coerce.number().int().min(1).max(10_000).optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ receipts: z.array(Receipt), head: Head }), 'Receipts'),
    ...errorResponses(400, 401, 403),
  },
});
export const verify = createRoute({
  method: 'get',
  path: '/api/receipts/verify',
  tags: ['receipts'],
  security: SECURITY,
  summary:
    'Verify the receipt chain (modification, deletion, reordering, truncation) and its latest checkpoint',
  responses: { 200: jsonContent(Verdict, 'Verdict'), ...errorResponses(401, 403) },
});
const webhookSettings = createRoute({
  method: 'get',
  path: '/api/settings/webhook',
  tags: ['settings'],
  security: SECURITY,
  summary: 'The webhook signing secret of the organisation (owner), to verify Callflow-Signature',
  responses: {
    200: jsonContent(
      z.object({
        secret: z.string(),
        signatureHeader: z.string(),
        idempotencyHeader: z.string(),
        scheme: z.string(),
      }),
      'Webhook secret',
    ),
    ...errorResponses(401, 403),
  },
});

export function receiptRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const p = allow(c, 'receipts:read');
    const q = c.req.valid('query');
    const { store } = c.get('deps');
    const receipts = await store.receipts.list(p.tenantId, { afterSeq: q.afterSeq, limit: q.limit ?? 1000 });
    const head = await store.receipts.head(p.tenantId);
    return c.json({ receipts, head: head ? { seq: head.seq, hash: head.hash, mac: head.mac } : null }, 200);
  });

  app.openapi(verify, async (c) => {
    const p = allow(c, 'receipts:read');
    return c.json(await c.get('deps').records.verifyReceipts(p.tenantId), 200);
  });

  app.openapi(webhookSettings, async (c) => {
    const p = allow(c, 'settings:webhook');
    return c.json(
      {
        secret: c.get('deps').records.webhookSecret(p.tenantId),
        signatureHeader: SIGNATURE_HEADER,
        idempotencyHeader: IDEMPOTENCY_HEADER,
        scheme: 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>',
      },
      200,
    );
  });
}
