// Phone numbers (E.164) bound to a flow: pinned to a version, or following the latest one.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { allow, audit, principal, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { toE164 } from '../phone';
import { errorResponses, jsonContent, NumberBinding, SECURITY } from '../schemas';
import { prewarmVersionInBackground } from '../../transports/twilio/prewarm';

const base = { tags: ['numbers'], security: SECURITY };
const BindBody = z
  .object({
    number: z.string().min(3).max(20).openapi({ example: '+4930123456' }),
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
    200: jsonContent(z.object({ numbers: z.array(NumberBinding) }), 'Numbers'),
    ...errorResponses(401, 403),
  },
});
export const bind = createRoute({
  ...base,
  method: 'put',
  path: '/api/numbers',
  summary: "Bind a phone number (E.164) to a flow's published version",
  request: { body: { content: { 'application/json': { schema: BindBody } }, required: true } },
  responses: { 200: jsonContent(NumberBinding, 'Bound'), ...errorResponses(400, 401, 403, 404, 409, 422) },
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
    const rows = await c.get('deps').store.numbers.list(p.tenantId);
    return c.json({ numbers: rows.map(view) }, 200);
  });

  app.openapi(bind, async (c) => {
    const body = c.req.valid('json');
    const store = c.get('deps').store;
    const flow = await store.flows.get(principal(c).tenantId, body.flowId);
    if (!flow) throw notFound();
    const p = allow(c, 'numbers:write');
    const number = toE164(body.number);
    if (!number)
      throw new ApiError(
        400,
        'number.invalid',
        'Not an E.164 number like +4930123456 / Keine Rufnummer im Format +4930123456',
      );
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
    // Same answer whether another organisation owns the number or it is reserved: no enumeration
    // of other tenants beyond the unavoidable fact that one number routes to one place.
    if (bound === 'taken')
      throw new ApiError(
        409,
        'number.unavailable',
        'This number is not available / Diese Rufnummer ist nicht verfügbar',
      );
    await audit(c, 'number.bind', 'number', number);
    prewarmVersionInBackground(c.get('deps'), p.tenantId, published); // calls to it start from the prompt cache
    return c.json(view(bound), 200);
  });
}
