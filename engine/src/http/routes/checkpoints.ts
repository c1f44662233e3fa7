// Signed checkpoints of the deletion-receipt chain (design: ../../privacy/checkpoints.ts): the
// organisation takes them (on demand, listed, or pushed to its receipts webhook), keeps them, and
// later has the chain verified against them — so a truncation or rollback of the chain shows.
// The public keys that verify checkpoints are public: whoever holds a checkpoint can check it.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { publicKeyPem } from '../../privacy/checkpoints';
import { ChainRefusedError } from '../../records/checkpoints';
import { isLoopbackHttp } from '../flow-tools';
import { allow, audit, type AppEnv } from '../context';
import { ApiError } from '../errors';
import { errorResponses, jsonContent, SECURITY } from '../schemas';
import { Verdict } from './receipts';

/** Reachable without logging in (listed in PUBLIC_API_PATHS). */
export const RECEIPT_KEYS_PATH = '/api/receipts/keys';

const Checkpoint = z
  .object({
    format: z.literal('callflow.receipt-checkpoint.v1'),
    tenantId: z.string().min(1).max(200),
    count: z.number().int().min(0),
    headHash: z.string().min(1).max(200),
    time: z.string().min(1).max(200),
    keyId: z.string().min(1).max(200),
    final: z.boolean(),
    signature: z.string().min(1).max(200),
  })
  .openapi('ReceiptCheckpoint', {
    description:
      'Signed (Ed25519, base64url) over the UTF-8 JSON array ' +
      '["callflow/receipt-checkpoint/v1", tenantId, count, headHash, time, keyId, final]; keep it.',
  });

const PublicKey = z
  .object({
    keyId: z.string(),
    algorithm: z.literal('Ed25519'),
    publicKey: z.string().openapi({ description: 'Raw 32-byte public key, base64url.' }),
    pem: z.string().openapi({ description: 'The same key as SPKI PEM.' }),
    createdAt: z.number(),
  })
  .openapi('ReceiptSigningKey');

const ReceiptsWebhook = z.object({ url: z.string().nullable() }).openapi('ReceiptsWebhook');

const keys = createRoute({
  method: 'get',
  path: RECEIPT_KEYS_PATH,
  tags: ['receipts'],
  summary: 'Public keys that verify receipt checkpoints, by key id (no login; old keys stay listed)',
  responses: { 200: jsonContent(z.object({ keys: z.array(PublicKey) }), 'Keys') },
});
const make = createRoute({
  method: 'post',
  path: '/api/receipts/checkpoints',
  tags: ['receipts'],
  security: SECURITY,
  summary: 'A signed checkpoint of the receipt chain as it is now (made now if the chain moved)',
  responses: { 200: jsonContent(Checkpoint, 'Checkpoint'), ...errorResponses(401, 403, 409) },
});
const list = createRoute({
  method: 'get',
  path: '/api/receipts/checkpoints',
  tags: ['receipts'],
  security: SECURITY,
  summary: 'The checkpoints kept by the server, newest first',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }) },
  responses: {
    200: jsonContent(z.object({ checkpoints: z.array(Checkpoint) }), 'Checkpoints'),
    ...errorResponses(400, 401, 403),
  },
});
const verifyGiven = createRoute({
  method: 'post',
  path: '/api/receipts/verify',
  tags: ['receipts'],
  security: SECURITY,
  summary: 'Verify the receipt chain and that it contains every checkpoint given (truncation, rollback)',
  request: {
    body: jsonContent(z.object({ checkpoints: z.array(Checkpoint).max(1000) }), 'Checkpoints kept'),
  },
  responses: { 200: jsonContent(Verdict, 'Verdict'), ...errorResponses(400, 401, 403) },
});
const getWebhook = createRoute({
  method: 'get',
  path: '/api/settings/receipts-webhook',
  tags: ['settings'],
  security: SECURITY,
  summary: 'Where new checkpoints are sent (owner)',
  responses: { 200: jsonContent(ReceiptsWebhook, 'Receipts webhook'), ...errorResponses(401, 403) },
});
const putWebhook = createRoute({
  method: 'put',
  path: '/api/settings/receipts-webhook',
  tags: ['settings'],
  security: SECURITY,
  summary: 'Set (https) or remove (null) the receipts webhook; signed like call notes',
  request: { body: jsonContent(ReceiptsWebhook, 'Receipts webhook') },
  responses: { 200: jsonContent(ReceiptsWebhook, 'Receipts webhook'), ...errorResponses(400, 401, 403) },
});

function checkedWebhookUrl(url: string, allowLoopback: boolean): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (url.length <= 2000 && (parsed?.protocol === 'https:' || (allowLoopback && isLoopbackHttp(url))))
    return url;
  throw new ApiError(
    400,
    'webhook_not_https',
    'The receipts webhook must be an https:// address / Der Webhook für Löschnachweise muss mit https:// beginnen',
  );
}

export function checkpointRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(keys, async (c) => {
    const entries = await c.get('deps').records.checkpoints.publicKeys();
    return c.json(
      { keys: entries.map((k) => ({ ...k, algorithm: 'Ed25519' as const, pem: publicKeyPem(k) })) },
      200,
    );
  });

  app.openapi(make, async (c) => {
    const p = allow(c, 'receipts:read');
    const { checkpoints, receiptWebhook } = c.get('deps').records;
    try {
      const checkpoint = await checkpoints.current(p.tenantId);
      receiptWebhook.deliverSoon(p.tenantId);
      return c.json(checkpoint, 200);
    } catch (err) {
      if (!(err instanceof ChainRefusedError)) throw err;
      throw new ApiError(
        409,
        'chain_broken',
        'The receipt chain does not verify; no checkpoint was signed / Die Kette der Löschnachweise ist beschädigt; kein Kontrollpunkt erstellt',
        { problems: err.problems },
      );
    }
  });

  app.openapi(list, async (c) => {
    const p = allow(c, 'receipts:read');
    const limit = c.req.valid('query').limit ?? 100;
    return c.json({ checkpoints: await c.get('deps').store.checkpoints.list(p.tenantId, { limit }) }, 200);
  });

  app.openapi(verifyGiven, async (c) => {
    const p = allow(c, 'receipts:read');
    const { checkpoints } = c.req.valid('json');
    return c.json(await c.get('deps').records.verifyReceipts(p.tenantId, checkpoints), 200);
  });

  app.openapi(getWebhook, async (c) => {
    const p = allow(c, 'settings:webhook');
    const hook = await c.get('deps').store.receiptWebhooks.get(p.tenantId);
    return c.json({ url: hook?.url ?? null }, 200);
  });

  app.openapi(putWebhook, async (c) => {
    const p = allow(c, 'settings:webhook');
    const deps = c.get('deps');
    const given = c.req.valid('json').url;
    const url = given === null ? null : checkedWebhookUrl(given, deps.config.allowLoopbackWebhooks);
    await deps.store.receiptWebhooks.set(p.tenantId, url, deps.now());
    await audit(c, url ? 'receipts.webhook.set' : 'receipts.webhook.remove', 'settings', null);
    // A new URL starts over with the current checkpoint; it goes out after the answer.
    if (url) deps.records.receiptWebhook.deliverSoon(p.tenantId);
    return c.json({ url }, 200);
  });
}
