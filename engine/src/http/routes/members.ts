// The team of an organisation (owner): list members, invite (a one-time link bound to the
// e-mail, 72 h), change a role, remove someone, issue a password-reset link, and require
// two-factor login for everyone. A role change or removal ends the person's sessions and tokens
// here at once; the last owner can be neither demoted nor removed. Ids are resolved in the
// caller's organisation first, so another organisation's member is 404 like an unknown id.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { allow, audit, principal, type AppContext, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { issueInvitation } from '../invitations';
import { passwordResetMail } from '../../mail/messages';
import { issueResetLink, onlyHere } from '../password-resets';
import { errorResponses, jsonContent, MemberParams, Role, SECURITY } from '../schemas';
import { Invitation } from './admin/schemas';
import type { MemberChange } from '../../store/types';

const base = { tags: ['members'], security: SECURITY };

export const Member = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: Role,
    twoFactor: z.boolean(),
    /** Whether an owner may issue a reset link (the person belongs to no other organisation). */
    resettable: z.boolean(),
  })
  .openapi('Member');

const InviteBody = z.object({ email: z.string().email().max(254), role: Role }).openapi('InviteMember');

export const listMembers = createRoute({
  ...base,
  method: 'get',
  path: '/api/members',
  summary: 'The members of the organisation with their roles',
  responses: {
    200: jsonContent(z.object({ members: z.array(Member), twoFactorRequired: z.boolean() }), 'Members'),
    ...errorResponses(401, 403),
  },
});

export const inviteMember = createRoute({
  ...base,
  method: 'post',
  path: '/api/members/invitations',
  summary: 'Invite someone with a role: a one-time link (72 h) bound to the e-mail address',
  request: { body: { content: { 'application/json': { schema: InviteBody } }, required: true } },
  responses: {
    201: jsonContent(z.object({ invitation: Invitation }), 'Invited'),
    ...errorResponses(400, 401, 403, 409),
  },
});

export const changeMemberRole = createRoute({
  ...base,
  method: 'put',
  path: '/api/members/{userId}',
  summary: "Change a member's role; ends their sessions and tokens in this organisation",
  request: {
    params: MemberParams,
    body: { content: { 'application/json': { schema: z.object({ role: Role }) } }, required: true },
  },
  responses: { 200: jsonContent(Member, 'Changed'), ...errorResponses(400, 401, 403, 404, 409) },
});

export const removeMember = createRoute({
  ...base,
  method: 'delete',
  path: '/api/members/{userId}',
  summary: 'Remove a member; their sessions and tokens in this organisation end at once',
  request: { params: MemberParams },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
});

export const memberPasswordReset = createRoute({
  ...base,
  method: 'post',
  path: '/api/members/{userId}/password-reset',
  summary: 'A password-reset link for a member who belongs to no other organisation',
  request: { params: MemberParams },
  responses: {
    201: jsonContent(Invitation, 'Issued (url null: sent by e-mail)'),
    ...errorResponses(401, 403, 404, 409),
  },
});

export const requireTwoFactor = createRoute({
  ...base,
  method: 'put',
  path: '/api/organisation/two-factor',
  summary: 'Require (or stop requiring) two-factor login for every member',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ required: z.boolean() }) } },
      required: true,
    },
  },
  responses: {
    200: jsonContent(z.object({ twoFactorRequired: z.boolean() }), 'Set'),
    ...errorResponses(400, 401, 403),
  },
});

/** The member behind a path id, in the caller's organisation (404 otherwise), then the permission. */
async function pathMember(c: AppContext, userId: string) {
  const p = principal(c);
  const { store } = c.get('deps');
  const member = await store.memberships.get(p.tenantId, userId);
  const user = member ? await store.users.get(userId) : undefined;
  if (!member || !user) throw notFound();
  allow(c, 'members:manage');
  return { p, member, user };
}

async function describeMember(c: AppContext, tenantId: string, userId: string) {
  const { store } = c.get('deps');
  const [member, user, factor] = await Promise.all([
    store.memberships.get(tenantId, userId),
    store.users.get(userId),
    store.twoFactor.get(userId),
  ]);
  if (!member || !user) throw notFound();
  return {
    userId,
    email: user.email,
    name: user.name,
    role: member.role,
    twoFactor: (factor?.confirmedAt ?? null) !== null,
    resettable: await onlyHere(store, tenantId, userId),
  };
}

function refused(change: MemberChange): never {
  if (change === 'not-found') throw notFound();
  throw new ApiError(
    409,
    'member.last_owner',
    'The organisation needs at least one owner / Die Organisation braucht mindestens eine Inhaberin oder einen Inhaber',
  );
}

export function memberRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listMembers, async (c) => {
    const p = allow(c, 'members:manage');
    const { store } = c.get('deps');
    const [memberships, tenant] = await Promise.all([
      store.memberships.listForTenant(p.tenantId),
      store.tenants.get(p.tenantId),
    ]);
    const members = await Promise.all(memberships.map((m) => describeMember(c, p.tenantId, m.userId)));
    members.sort((a, b) => a.email.localeCompare(b.email));
    return c.json({ members, twoFactorRequired: tenant?.twoFactorRequired ?? false }, 200);
  });

  app.openapi(inviteMember, async (c) => {
    const p = allow(c, 'members:manage');
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const existing = await deps.store.users.findByEmail(body.email);
    if (existing && (await deps.store.memberships.get(p.tenantId, existing.id)))
      throw new ApiError(409, 'member.exists', 'Already a member / Bereits Mitglied');
    const invitation = await issueInvitation(deps, {
      tenantId: p.tenantId,
      email: body.email,
      role: body.role,
      createdBy: p.userId,
    });
    await audit(c, 'invitation.create', 'invitation', null);
    return c.json({ invitation }, 201);
  });

  app.openapi(changeMemberRole, async (c) => {
    const { p, user } = await pathMember(c, c.req.valid('param').userId);
    const change = await c
      .get('deps')
      .store.memberships.changeRole(p.tenantId, user.id, c.req.valid('json').role);
    if (change !== 'changed') refused(change);
    await audit(c, 'member.role', 'user', user.id);
    return c.json(await describeMember(c, p.tenantId, user.id), 200);
  });

  app.openapi(removeMember, async (c) => {
    const { p, user } = await pathMember(c, c.req.valid('param').userId);
    const change = await c.get('deps').store.memberships.remove(p.tenantId, user.id);
    if (change !== 'changed') refused(change);
    await audit(c, 'member.remove', 'user', user.id);
    return c.body(null, 204);
  });

  app.openapi(memberPasswordReset, async (c) => {
    const { p, user } = await pathMember(c, c.req.valid('param').userId);
    const deps = c.get('deps');
    // Someone who also reads another organisation's notes resets only by e-mail: no owner can
    // take over an account that reaches beyond their own organisation.
    if (!(await onlyHere(deps.store, p.tenantId, user.id)))
      throw new ApiError(
        409,
        'member.other_organisations',
        'This person also belongs to another organisation: only the e-mail reset is possible / Diese Person gehört auch zu einer anderen Organisation: nur das Zurücksetzen per E-Mail ist möglich',
      );
    const link = await issueResetLink(deps, { userId: user.id, createdBy: p.userId });
    await audit(c, 'password_reset.issue', 'user', user.id);
    if (!deps.mailer) return c.json({ ...link, emailed: false }, 201);
    deps.mailer.send(passwordResetMail({ to: user.email, ...link }), {
      event: 'mail.password_reset',
      userId: user.id,
      tenantId: p.tenantId,
    });
    return c.json({ url: null, expiresAt: link.expiresAt, emailed: true }, 201);
  });

  app.openapi(requireTwoFactor, async (c) => {
    const p = allow(c, 'members:manage');
    const { required } = c.req.valid('json');
    await c.get('deps').store.tenants.setTwoFactorRequired(p.tenantId, required);
    await audit(c, required ? 'two_factor.require' : 'two_factor.unrequire', 'organisation', p.tenantId);
    return c.json({ twoFactorRequired: required }, 200);
  });
}
