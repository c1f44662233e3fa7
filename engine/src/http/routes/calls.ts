// The inbox ("Posteingang") over HTTP: call notes of the caller's organisation, decrypted on
// read (memory-only notes of zero-persistence flows included), marked done by the front desk
// (and reopened when that was a mistake), deleted by hand by the owner (with a deletion receipt,
// reason `manual`). Personal data: every answer is `Cache-Control: no-store` (security-headers
// middleware for /api/*). Search by number and the live stream: routes/inbox.ts.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { InboxItem } from '../../records/inbox';
import { allow, audit, principal, type AppContext, type AppEnv } from '../context';
import { notFound } from '../errors';
import { CallRecord, errorResponses, jsonContent, SECURITY } from '../schemas';

const base = { tags: ['calls'], security: SECURITY };
const CallParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: "The call note's txId" }),
});

export const CallNote = z
  .object({
    txId: z.string(),
    flowId: z.string(),
    flowVersion: z.number().nullable(),
    createdAt: z.number(),
    expiresAt: z.number(),
    test: z.boolean(),
    status: z.enum(['new', 'done']),
    stored: z.boolean().openapi({
      description: 'false: zero persistence — held in memory only, gone after a restart or 24 h',
    }),
    record: CallRecord,
  })
  .openapi('CallNote');

export const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/calls',
  summary: 'Inbox: call notes, newest first (decrypted on read)',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
  responses: {
    200: jsonContent(z.object({ calls: z.array(CallNote) }), 'Call notes'),
    ...errorResponses(400, 401, 403),
  },
});
export const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/calls/{id}',
  summary: 'One call note',
  request: { params: CallParams },
  responses: { 200: jsonContent(CallNote, 'Call note'), ...errorResponses(401, 403, 404) },
});
export const done = createRoute({
  ...base,
  method: 'post',
  path: '/api/calls/{id}/done',
  summary:
    'Mark a note done; with retention "immediate" it is deleted now (with receipt) unless a webhook delivery is pending',
  request: { params: CallParams },
  responses: {
    200: jsonContent(z.object({ done: z.literal(true) }), 'Done'),
    ...errorResponses(401, 403, 404),
  },
});
export const reopen = createRoute({
  ...base,
  method: 'post',
  path: '/api/calls/{id}/reopen',
  summary:
    'Undo "done": the note is open again (only notes that are kept; "done" deletes memory-only and "immediate" notes)',
  request: { params: CallParams },
  responses: {
    200: jsonContent(z.object({ reopened: z.literal(true) }), 'Open again'),
    ...errorResponses(401, 403, 404),
  },
});
export const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/calls/{id}',
  summary: 'Delete a note now (crypto-shredding, receipt reason "manual")',
  request: { params: CallParams },
  responses: {
    200: jsonContent(z.object({ deleted: z.literal(true) }), 'Deleted'),
    ...errorResponses(401, 403, 404),
  },
});

/** The note in the caller's tenant, resolved before any permission check (foreign ids: 404). */
async function resolveNote(c: AppContext): Promise<InboxItem> {
  const p = principal(c);
  const item = await c.get('deps').records.inbox.read(p.tenantId, c.req.param('id') ?? '');
  if (!item) throw notFound();
  return item;
}

/**
 * Runs before body validation on /api/calls/:id/**: a note that does not exist in the caller's
 * tenant (restricted ones included — the owner must be able to lift a restriction) is 404.
 */
function noteExists(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = principal(c);
    const txId = c.req.param('id') ?? '';
    const { records, store } = c.get('deps');
    // The database first: a stored note never waits for sibling processes (volatile notes).
    if (!(await store.callNotes.get(p.tenantId, txId)) && !(await records.volatile.get(p.tenantId, txId)))
      throw notFound();
    return next();
  };
}

export function callRoutes(app: OpenAPIHono<AppEnv>): void {
  app.use('/api/calls/:id', noteExists());
  app.use('/api/calls/:id/*', noteExists());

  app.openapi(list, async (c) => {
    const p = allow(c, 'calls:read');
    const items = await c.get('deps').records.inbox.list(p.tenantId, c.req.valid('query').limit ?? 100);
    return c.json({ calls: items }, 200);
  });

  app.openapi(get, async (c) => {
    const item = await resolveNote(c);
    allow(c, 'calls:read');
    return c.json(item, 200);
  });

  app.openapi(done, async (c) => {
    const item = await resolveNote(c);
    const p = allow(c, 'calls:done');
    if (!(await c.get('deps').records.inbox.markDone(p.tenantId, item.txId))) throw notFound();
    await audit(c, 'call.done', 'call', item.txId);
    return c.json({ done: true as const }, 200);
  });

  app.openapi(reopen, async (c) => {
    const item = await resolveNote(c);
    const p = allow(c, 'calls:done');
    if (!(await c.get('deps').records.inbox.reopen(p.tenantId, item.txId))) throw notFound();
    await audit(c, 'call.reopen', 'call', item.txId);
    return c.json({ reopened: true as const }, 200);
  });

  app.openapi(remove, async (c) => {
    const item = await resolveNote(c);
    const p = allow(c, 'calls:delete');
    if (!(await c.get('deps').records.inbox.delete(p.tenantId, item.txId))) throw notFound();
    await audit(c, 'call.delete', 'call', item.txId);
    return c.json({ deleted: true as const }, 200);
  });
}
