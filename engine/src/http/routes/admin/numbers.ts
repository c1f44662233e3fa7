// The operator's phone numbers: assign a number to an organisation, release it, list them all
// with the flow each answers. An organisation binds only numbers assigned to it (routes/numbers.ts).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { operator, operatorAudit, type AppEnv } from '../../context';
import { ApiError, notFound } from '../../errors';
import { e164OrBadRequest, toE164 } from '../../phone';
import { E164Body, errorResponses, jsonContent, NumberParams, SECURITY } from '../../schemas';
import { AssignedNumber } from './schemas';

const base = { tags: ['admin'], security: SECURITY };
const AssignBody = z
  .object({
    number: E164Body,
    organisationId: z.string().max(64),
  })
  .openapi('AssignNumber');

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/admin/numbers',
  summary: 'Operator: every assigned number, its organisation and the flow it answers',
  responses: {
    200: jsonContent(z.object({ numbers: z.array(AssignedNumber) }), 'Numbers'),
    ...errorResponses(401, 403),
  },
});
const assign = createRoute({
  ...base,
  method: 'post',
  path: '/api/admin/numbers',
  summary: 'Operator: assign a phone number (E.164) to an organisation',
  request: { body: { content: { 'application/json': { schema: AssignBody } }, required: true } },
  responses: {
    201: jsonContent(AssignedNumber, 'Assigned'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const release = createRoute({
  ...base,
  method: 'delete',
  path: '/api/admin/numbers/{number}',
  summary: 'Operator: release a number (its binding ends; calls to it are no longer answered)',
  request: { params: NumberParams },
  responses: { 204: { description: 'Released' }, ...errorResponses(401, 403, 404) },
});

export function adminNumberRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    operator(c);
    const { store } = c.get('deps');
    const [rows, tenants] = await Promise.all([store.numbers.assignments(), store.tenants.list()]);
    const names = new Map(tenants.map((t) => [t.id, t.name]));
    const flowNames = new Map<string, string>();
    for (const tenantId of new Set(rows.filter((r) => r.flowId).map((r) => r.tenantId)))
      for (const f of await store.flows.list(tenantId)) flowNames.set(f.id, f.name);
    const numbers = rows.map(({ tenantId, ...r }) => ({
      ...r,
      organisationId: tenantId,
      organisationName: names.get(tenantId) ?? '',
      flowName: r.flowId ? (flowNames.get(r.flowId) ?? null) : null,
    }));
    return c.json({ numbers }, 200);
  });

  app.openapi(assign, async (c) => {
    operator(c);
    const { store, now } = c.get('deps');
    const body = c.req.valid('json');
    const number = e164OrBadRequest(body.number); // the typing mistake first, as in routes/numbers.ts
    const tenant = await store.tenants.get(body.organisationId);
    if (!tenant) throw notFound();
    if ((await store.numbers.assign(number, tenant.id)) === 'taken')
      throw new ApiError(
        409,
        'number.assigned',
        'This number already belongs to an organisation / Diese Rufnummer ist bereits vergeben',
      );
    await operatorAudit(c, 'number.assign', { type: 'number', id: number, tenantId: tenant.id });
    const assigned = {
      number,
      organisationId: tenant.id,
      organisationName: tenant.name,
      assignedAt: now(),
      flowId: null,
      flowName: null,
      version: null,
    };
    return c.json(assigned, 201);
  });

  app.openapi(release, async (c) => {
    operator(c);
    const number = toE164(c.req.valid('param').number);
    const tenantId = number ? await c.get('deps').store.numbers.release(number) : undefined;
    if (!number || !tenantId) throw notFound();
    await operatorAudit(c, 'number.release', { type: 'number', id: number, tenantId });
    return c.body(null, 204);
  });
}
