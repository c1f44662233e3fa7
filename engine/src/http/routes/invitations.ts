// Accepting an invitation (public: the one-time token is the credential). The new member is
// logged in at once, in the organisation that invited them.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { effectivePermissions } from '../../auth/permissions';
import type { AppEnv } from '../context';
import { acceptInvitation } from '../invitations';
import { errorResponses, jsonContent, Me } from '../schemas';
import { openSession } from '../session-cookie';
import { meBody } from './auth';

export const ACCEPT_INVITATION_PATH = '/api/invitations/accept';

const AcceptBody = z
  .object({
    token: z.string().min(16).max(200),
    /** A new account's password; for an existing account, its current password. */
    password: z.string().min(10).max(1024),
    name: z.string().trim().min(1).max(120),
  })
  .openapi('AcceptInvitation');

const accept = createRoute({
  method: 'post',
  path: ACCEPT_INVITATION_PATH,
  tags: ['auth'],
  summary: 'Accept an invitation: set name and password; logs in to the inviting organisation',
  request: { body: { content: { 'application/json': { schema: AcceptBody } }, required: true } },
  responses: { 200: jsonContent(Me, 'Accepted and logged in'), ...errorResponses(400, 401, 404) },
});

export function invitationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(accept, async (c) => {
    const deps = c.get('deps');
    const accepted = await acceptInvitation(deps, c.req.valid('json'));
    const csrfToken = await openSession(c, deps, accepted.tenantId, accepted.userId);
    const body = await meBody(c, accepted.tenantId, accepted.userId);
    return c.json({ ...body, permissions: [...effectivePermissions(accepted.role)], csrfToken }, 200);
  });
}
