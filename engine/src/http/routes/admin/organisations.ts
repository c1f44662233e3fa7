// The operator's organisations: create (with an invitation for the first owner), list, suspend,
// resume, delete — and the operator's own audit trail. Operator only (403 for every
// organisation role); unknown ids answer 404. No route here returns an organisation's flows,
// notes or receipts: the overview holds names, counts and numbers.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { deleteOrganisation } from '../../../records/organisation-deletion';
import type { Tenant, TenantStatus } from '../../../store/types';
import { operator, operatorAudit, type AppContext, type AppEnv } from '../../context';
import { notFound } from '../../errors';
import { issueInvitation } from '../../invitations';
import { errorResponses, jsonContent, OrganisationParams, SECURITY } from '../../schemas';
import { Invitation, Organisation, OperatorAuditEvent } from './schemas';

const base = { tags: ['admin'], security: SECURITY };
const CreateBody = z
  .object({
    name: z.string().trim().min(1).max(120).openapi({ example: 'Hausarztpraxis Dr. Beispiel' }),
    ownerEmail: z.string().email().max(254),
  })
  .openapi('CreateOrganisation');
const InviteBody = z.object({ ownerEmail: z.string().email().max(254) }).openapi('InviteOwner');

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/admin/organisations',
  summary: 'Operator: every organisation with its status, size and numbers',
  responses: {
    200: jsonContent(z.object({ organisations: z.array(Organisation) }), 'Organisations'),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/admin/organisations',
  summary: 'Operator: create an organisation; answers an invitation link for its first owner',
  request: { body: { content: { 'application/json': { schema: CreateBody } }, required: true } },
  responses: {
    201: jsonContent(z.object({ organisation: Organisation, invitation: Invitation }), 'Created'),
    ...errorResponses(400, 401, 403),
  },
});
const invite = createRoute({
  ...base,
  method: 'post',
  path: '/api/admin/organisations/{id}/invitations',
  summary: 'Operator: a new owner invitation (e.g. the first link expired)',
  request: {
    params: OrganisationParams,
    body: { content: { 'application/json': { schema: InviteBody } }, required: true },
  },
  responses: {
    201: jsonContent(z.object({ invitation: Invitation }), 'Invited'),
    ...errorResponses(400, 401, 403, 404),
  },
});
const statusRoute = (action: 'suspend' | 'resume') =>
  createRoute({
    ...base,
    method: 'post',
    path: `/api/admin/organisations/{id}/${action}`,
    summary:
      action === 'suspend'
        ? 'Operator: suspend (numbers play a notice and hang up, members cannot log in; data is kept)'
        : 'Operator: resume a suspended organisation',
    request: { params: OrganisationParams },
    responses: { 200: jsonContent(Organisation, 'Organisation'), ...errorResponses(401, 403, 404) },
  });
const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/admin/organisations/{id}',
  summary:
    'Operator: delete the organisation — notes crypto-shredded with receipts (kept), flows, members, tokens and numbers removed',
  request: { params: OrganisationParams },
  responses: {
    200: jsonContent(z.object({ shreddedNotes: z.number() }), 'Deleted'),
    ...errorResponses(401, 403, 404),
  },
});
const auditList = createRoute({
  ...base,
  method: 'get',
  path: '/api/admin/audit',
  summary: "Operator: the operator's audit trail (organisation and number changes)",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before: z.coerce.number().int().optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ events: z.array(OperatorAuditEvent) }), 'Events'),
    ...errorResponses(400, 401, 403),
  },
});

/** What the operator sees of an organisation: no flow content, no notes. */
async function describe(c: AppContext, tenant: Tenant) {
  const { store } = c.get('deps');
  const [flows, members, numbers] = await Promise.all([
    store.flows.list(tenant.id),
    store.memberships.listForTenant(tenant.id),
    store.numbers.assigned(tenant.id),
  ]);
  return { ...tenant, flows: flows.length, members: members.length, numbers };
}

/** The organisation of the path, after the operator check (so a non-operator never learns ids). */
async function pathTenant(c: AppContext, id: string): Promise<Tenant> {
  operator(c);
  const tenant = await c.get('deps').store.tenants.get(id);
  if (!tenant) throw notFound();
  return tenant;
}

export function adminOrganisationRoutes(app: OpenAPIHono<AppEnv>): void {
  // Unknown organisation ids answer 404 before the body is validated (as the flow resolver does).
  const resolve: MiddlewareHandler<AppEnv> = async (c, next) => {
    await pathTenant(c, c.req.param('id') ?? '');
    return next();
  };
  app.use('/api/admin/organisations/:id', resolve);
  app.use('/api/admin/organisations/:id/*', resolve);

  app.openapi(list, async (c) => {
    operator(c);
    const tenants = await c.get('deps').store.tenants.list();
    return c.json({ organisations: await Promise.all(tenants.map((t) => describe(c, t))) }, 200);
  });

  app.openapi(create, async (c) => {
    const o = operator(c);
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const tenant = await deps.store.tenants.create(body.name);
    const invitation = await issueInvitation(deps, {
      tenantId: tenant.id,
      email: body.ownerEmail,
      role: 'owner',
      createdBy: o.userId,
    });
    await operatorAudit(c, 'organisation.create', {
      type: 'organisation',
      id: tenant.id,
      tenantId: tenant.id,
    });
    await operatorAudit(c, 'invitation.create', { type: 'organisation', id: tenant.id, tenantId: tenant.id });
    return c.json({ organisation: await describe(c, tenant), invitation }, 201);
  });

  app.openapi(invite, async (c) => {
    const tenant = await pathTenant(c, c.req.valid('param').id);
    const invitation = await issueInvitation(c.get('deps'), {
      tenantId: tenant.id,
      email: c.req.valid('json').ownerEmail,
      role: 'owner',
      createdBy: operator(c).userId,
    });
    await operatorAudit(c, 'invitation.create', { type: 'organisation', id: tenant.id, tenantId: tenant.id });
    return c.json({ invitation }, 201);
  });

  for (const [action, status] of [
    ['suspend', 'suspended'],
    ['resume', 'active'],
  ] as const satisfies readonly (readonly ['suspend' | 'resume', TenantStatus])[]) {
    app.openapi(statusRoute(action), async (c) => {
      const tenant = await pathTenant(c, c.req.valid('param').id);
      await c.get('deps').store.tenants.setStatus(tenant.id, status);
      await operatorAudit(c, `organisation.${action}`, {
        type: 'organisation',
        id: tenant.id,
        tenantId: tenant.id,
      });
      return c.json(await describe(c, { ...tenant, status }), 200);
    });
  }

  app.openapi(remove, async (c) => {
    const tenant = await pathTenant(c, c.req.valid('param').id);
    const deps = c.get('deps');
    // Suspended first: no new call (and so no new note) starts while the notes are shredded.
    await deps.store.tenants.setStatus(tenant.id, 'suspended');
    const result = await deleteOrganisation(deps, tenant.id);
    await operatorAudit(c, 'organisation.delete', {
      type: 'organisation',
      id: tenant.id,
      tenantId: tenant.id,
    });
    deps.logger.info('organisation.deleted', { tenantId: tenant.id, count: result.shreddedNotes });
    return c.json(result, 200);
  });

  app.openapi(auditList, async (c) => {
    operator(c);
    const { limit, before } = c.req.valid('query');
    const events = await c.get('deps').store.operatorAudit.list({ limit, ...(before ? { before } : {}) });
    return c.json({ events }, 200);
  });
}
