// The transfer allow-list: the only numbers a handoff step can ring. Flows name targets by id;
// caller speech can never pick a number. Foreign and premium/shared-cost numbers need the
// explicit `allowSpecial` flag.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { HandoffTarget as Target } from '../../store/types';
import { allow, audit, principal, type AppContext, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { checkTransferNumber } from '../phone';
import { errorResponses, HandoffTarget, jsonContent, SECURITY, TargetParams } from '../schemas';

const base = { tags: ['flows'], security: SECURITY };
const TargetBody = z
  .object({
    label: z.string().min(1).max(120),
    number: z.string().min(3).max(20).openapi({ example: '+493023125001' }),
    allowSpecial: z.boolean().optional().openapi({ description: 'Allow a foreign or premium-rate number.' }),
  })
  .openapi('TargetInput');
const NewTarget = TargetBody.extend({ id: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/) }).openapi('NewTarget');

export const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/handoff-targets',
  summary: 'Transfer targets a handoff step may use (the allow-list)',
  responses: {
    200: jsonContent(z.object({ targets: z.array(HandoffTarget) }), 'Targets'),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/handoff-targets',
  summary: 'Add a transfer target (owner)',
  request: { body: { content: { 'application/json': { schema: NewTarget } }, required: true } },
  responses: { 201: jsonContent(HandoffTarget, 'Added'), ...errorResponses(400, 401, 403, 409, 422) },
});
const update = createRoute({
  ...base,
  method: 'put',
  path: '/api/handoff-targets/{id}',
  summary: 'Change a transfer target (owner)',
  request: {
    params: TargetParams,
    body: { content: { 'application/json': { schema: TargetBody } }, required: true },
  },
  responses: { 200: jsonContent(HandoffTarget, 'Changed'), ...errorResponses(400, 401, 403, 404, 422) },
});

function checked(input: z.infer<typeof TargetBody>, id: string): Target {
  const check = checkTransferNumber(input.number);
  if (check === 'invalid')
    throw new ApiError(
      400,
      'number.invalid',
      'Not an E.164 number like +4930123456 / Keine Rufnummer im Format +4930123456',
    );
  const allowSpecial = input.allowSpecial ?? false;
  if (check === 'special' && !allowSpecial) {
    throw new ApiError(
      422,
      'target.special-number',
      'Foreign or premium-rate number: set allowSpecial / Auslands- oder Sonderrufnummer: allowSpecial setzen',
    );
  }
  return { id, label: input.label, number: input.number, allowSpecial };
}

async function ownTargets(c: AppContext) {
  return c.get('deps').store.handoffTargets.list(principal(c).tenantId);
}

export function targetRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    allow(c, 'flows:read');
    return c.json({ targets: await ownTargets(c) }, 200);
  });

  app.openapi(create, async (c) => {
    const p = allow(c, 'targets:write');
    const body = c.req.valid('json');
    if ((await ownTargets(c)).some((t) => t.id === body.id))
      throw new ApiError(409, 'target.exists', 'This id exists / Diese id existiert');
    const target = checked(body, body.id);
    await c.get('deps').store.handoffTargets.upsert(p.tenantId, target);
    await audit(c, 'target.create', 'handoff_target', target.id);
    return c.json(target, 201);
  });

  app.openapi(update, async (c) => {
    const id = c.req.param('id') ?? '';
    if (!(await ownTargets(c)).some((t) => t.id === id)) throw notFound();
    const p = allow(c, 'targets:write');
    const target = checked(c.req.valid('json'), id);
    await c.get('deps').store.handoffTargets.upsert(p.tenantId, target);
    await audit(c, 'target.update', 'handoff_target', id);
    return c.json(target, 200);
  });
}
