// Data-subject requests (GDPR Art. 15–18, 20; requirement R9), executed for the controller —
// the organisation's owner. Numbers travel in POST bodies, never in URLs (which end up in proxy
// logs); lookups go through pseudonymous subject keys. Each request is audited with ids only:
// the subject appears in the audit log as a short prefix of its subject key, never as a number.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { subjectKey } from '../../privacy/pseudonym';
import { allow, audit, type AppContext, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { CallRecord, errorResponses, jsonContent, SECURITY } from '../schemas';

const base = { tags: ['subjects'], security: SECURITY };
const E164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/)
  .openapi({ description: 'Phone number in E.164, e.g. +4917123456789' });
const SubjectBody = z.object({ number: E164 }).openapi('SubjectRequest');
const CallParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const Match = z.object({
  txId: z.string(),
  flowId: z.string(),
  createdAt: z.number(),
  restricted: z.boolean(),
  stored: z.boolean(),
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const find = createRoute({
  ...base,
  method: 'post',
  path: '/api/subjects/find',
  summary: "Find a caller's notes by phone number",
  request: body(SubjectBody),
  responses: {
    200: jsonContent(z.object({ matches: z.array(Match) }), 'Matches'),
    ...errorResponses(400, 401, 403),
  },
});
const exportRoute = createRoute({
  ...base,
  method: 'post',
  path: '/api/subjects/export',
  summary: 'Export every note of a caller (Art. 15/20), machine-readable JSON as a download',
  request: body(SubjectBody),
  responses: {
    200: jsonContent(
      z.object({
        subject: z.string(),
        exportedAt: z.string(),
        records: z.array(CallRecord),
      }),
      'Export',
    ),
    ...errorResponses(400, 401, 403),
  },
});
const erase = createRoute({
  ...base,
  method: 'post',
  path: '/api/subjects/erase',
  summary: 'Erase every note of a caller (Art. 17): crypto-shredding with receipts',
  request: body(SubjectBody),
  responses: {
    200: jsonContent(z.object({ erased: z.number() }), 'Erased'),
    ...errorResponses(400, 401, 403),
  },
});
const rectify = createRoute({
  ...base,
  method: 'post',
  path: '/api/calls/{id}/rectify',
  summary: 'Correct one detail of a stored note (Art. 16); re-sealed under a fresh key',
  request: {
    params: CallParams,
    ...body(
      z.object({
        field: z.string().min(1).max(64),
        value: z.union([z.string().max(2000), z.number(), z.boolean()]),
      }),
    ),
  },
  responses: {
    200: jsonContent(z.object({ rectified: z.literal(true) }), 'Rectified'),
    ...errorResponses(400, 401, 403, 404),
  },
});
const restrict = createRoute({
  ...base,
  method: 'post',
  path: '/api/calls/{id}/restrict',
  summary: 'Restrict processing of a stored note (Art. 18: kept, but not delivered or shown) or lift it',
  request: { params: CallParams, ...body(z.object({ restricted: z.boolean() })) },
  responses: {
    200: jsonContent(z.object({ restricted: z.boolean() }), 'Changed'),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** The audit log names a subject by a 12-hex prefix of its pseudonymous key — enough to correlate requests, useless to identify. */
async function subjectRef(c: AppContext, tenantId: string, number: string): Promise<string> {
  return `sk_${subjectKey(await c.get('deps').records.keyring.key(tenantId), number).slice(0, 12)}`;
}

export function subjectRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(find, async (c) => {
    const p = allow(c, 'subjects:manage');
    const { number } = c.req.valid('json');
    const matches = await c.get('deps').records.subjects.find(p.tenantId, number);
    await audit(c, 'subject.find', 'subject', await subjectRef(c, p.tenantId, number));
    return c.json({ matches }, 200);
  });

  app.openapi(exportRoute, async (c) => {
    const p = allow(c, 'subjects:manage');
    const { number } = c.req.valid('json');
    const out = await c.get('deps').records.subjects.export(p.tenantId, number);
    await audit(c, 'subject.export', 'subject', await subjectRef(c, p.tenantId, number));
    c.header('Content-Disposition', 'attachment; filename="callflow-export.json"');
    return c.json(
      { subject: out.subject, exportedAt: new Date(c.get('deps').now()).toISOString(), records: out.records },
      200,
    );
  });

  app.openapi(erase, async (c) => {
    const p = allow(c, 'subjects:manage');
    const { number } = c.req.valid('json');
    const ref = await subjectRef(c, p.tenantId, number);
    const erased = await c.get('deps').records.subjects.erase(p.tenantId, number);
    await audit(c, 'subject.erase', 'subject', ref);
    return c.json({ erased }, 200);
  });

  app.openapi(rectify, async (c) => {
    const p = allow(c, 'subjects:manage');
    const txId = c.req.param('id') ?? '';
    const { field, value } = c.req.valid('json');
    const { records, store } = c.get('deps');
    if (!(await store.callNotes.get(p.tenantId, txId))) throw notFound(); // memory-only notes cannot be rectified
    if (!(await records.subjects.rectify(p.tenantId, txId, field, value))) {
      throw new ApiError(
        400,
        'subject.unknown-field',
        'The note has no such detail / Die Notiz hat diese Angabe nicht',
      );
    }
    await audit(c, 'subject.rectify', 'call', txId);
    return c.json({ rectified: true as const }, 200);
  });

  app.openapi(restrict, async (c) => {
    const p = allow(c, 'subjects:manage');
    const txId = c.req.param('id') ?? '';
    const { restricted } = c.req.valid('json');
    if (!(await c.get('deps').records.subjects.restrict(p.tenantId, txId, { restricted }))) throw notFound();
    await audit(c, restricted ? 'subject.restrict' : 'subject.unrestrict', 'call', txId);
    return c.json({ restricted }, 200);
  });
}
