// Phone numbers (E.164) bound to a flow: pinned to a version, or following the latest one.
// The number may be typed as people write it („030 1234567“); it is stored in E.164.
// An organisation binds only the numbers the operator assigned to it; any other number — another
// organisation's or one that exists nowhere — answers the same 404, so numbers cannot be probed.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { allow, audit, principal, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { toE164, typedNumberOrBadRequest } from '../phone';
import { errorResponses, jsonContent, NumberBinding, NumberParams, SECURITY } from '../schemas';
import { prewarmVersionInBackground } from '../../phone/prewarm';

const base = { tags: ['numbers'], security: SECURITY };
const BindBody = z
  .object({
    number: z.string().min(1).max(40).openapi({ example: '030 123456', description: 'E.164 or as typed' }),
    flowId: z.string().max(64),
    version: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .openapi({ description: 'Pin a version; omit or null to always use the latest published version.' }),
  })
  .openapi('BindNumber');

export const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/numbers',
  summary: "The organisation's phone numbers and their flows",
  responses: {
    200: jsonContent(
      z.object({
        numbers: z.array(NumberBinding),
        /** Every number the operator assigned to the organisation, bound or not. */
        assigned: z.array(z.string()),
      }),
      'Numbers',
    ),
    ...errorResponses(401, 403),
  },
});
export const bind = createRoute({
  ...base,
  method: 'put',
  path: '/api/numbers',
  summary: "Bind a phone number (E.164) to a flow's published version",
  request: { body: { content: { 'application/json': { schema: BindBody } }, required: true } },
  responses: { 200: jsonContent(NumberBinding, 'Bound'), ...errorResponses(400, 401, 403, 404, 422) },
});
const unbind = createRoute({
  ...base,
  method: 'delete',
  path: '/api/numbers/{number}',
  summary: "Unbind one of the organisation's numbers from its flow (the number stays assigned)",
  request: { params: NumberParams },
  responses: { 204: { description: 'Unbound' }, ...errorResponses(401, 403, 404) },
});

const view = ({
  tenantId: _t,
  ...b
}: {
  tenantId: string;
  number: string;
  flowId: string;
  version: number | null;
  updatedAt: number;
}) => b;

export function numberRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const p = allow(c, 'numbers:read');
    const { numbers } = c.get('deps').store;
    const [rows, assigned] = await Promise.all([numbers.list(p.tenantId), numbers.assigned(p.tenantId)]);
    return c.json({ numbers: rows.map(view), assigned }, 200);
  });

  app.openapi(bind, async (c) => {
    const body = c.req.valid('json');
    const store = c.get('deps').store;
    // What the user typed is checked first: a malformed number is their mistake to fix, whatever
    // the flow, and saying so reveals nothing about other organisations.
    const number = typedNumberOrBadRequest(body.number);
    const flow = await store.flows.get(principal(c).tenantId, body.flowId);
    if (!flow) throw notFound();
    const p = allow(c, 'numbers:write');
    const version = body.version ?? null;
    const published =
      version === null
        ? await store.versions.latest(p.tenantId, flow.id)
        : await store.versions.get(p.tenantId, flow.id, version);
    if (!published) {
      throw new ApiError(
        422,
        'number.no-published-version',
        'Publish the flow first / Ablauf zuerst veröffentlichen',
      );
    }
    const bound = await store.numbers.bind(p.tenantId, { number, flowId: flow.id, version });
    if (bound === 'not-assigned') throw notFound();
    await audit(c, 'number.bind', 'number', number);
    prewarmVersionInBackground(c.get('deps'), p.tenantId, published); // calls to it start from the prompt cache
    return c.json(view(bound), 200);
  });

  app.openapi(unbind, async (c) => {
    const { numbers } = c.get('deps').store;
    const number = toE164(c.req.valid('param').number);
    const bound = number ? await numbers.list(principal(c).tenantId) : [];
    if (!number || !bound.some((b) => b.number === number)) throw notFound();
    const p = allow(c, 'numbers:write');
    if (!(await numbers.unbind(p.tenantId, number))) throw notFound();
    await audit(c, 'number.unbind', 'number', number);
    return c.body(null, 204);
  });
}
