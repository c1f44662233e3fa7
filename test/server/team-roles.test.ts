// The role matrix of the team's routes, generated from the route table: every route under
// /api/members, /api/organisation and /api/flows/{id}/notifications × every role answers 403
// exactly to the roles without the route's permission — with the own organisation's ids and a
// valid body, so nothing but the role decides. A new team route fails here until it is listed.
// The account routes (/api/account/…) are every person's own: any role's session, never a token.
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../engine/src/auth/permissions';
import { API_TOKEN_PREFIX, sha256Hex } from '../../engine/src/auth/secrets';
import { ROLES } from '../../engine/src/store/types';
import { createHarness, publishedFlow, type Harness } from './harness';

interface Case {
  permission: Permission;
  body?: unknown;
}
const TEAM_ROUTES: Record<string, Case> = {
  'get /api/members': { permission: 'members:manage' },
  'post /api/members/invitations': {
    permission: 'members:manage',
    body: { email: 'neu@eigene.example', role: 'viewer' },
  },
  'put /api/members/{userId}': { permission: 'members:manage', body: { role: 'auditor' } },
  'delete /api/members/{userId}': { permission: 'members:manage' },
  'post /api/members/{userId}/password-reset': { permission: 'members:manage' },
  'put /api/organisation/two-factor': { permission: 'members:manage', body: { required: false } },
  'get /api/flows/{id}/notifications': { permission: 'calls:read' },
  'put /api/flows/{id}/notifications': { permission: 'calls:read', body: { level: 'urgent' } },
};
const isTeamRoute = (path: string) =>
  path.startsWith('/api/members') || path.startsWith('/api/organisation/') || path.endsWith('/notifications');

let routes: { method: string; path: string }[];
beforeAll(async () => {
  const h = await createHarness();
  routes = h.app.openAPIRegistry.definitions.flatMap((d) =>
    d.type === 'route' ? [d.route as unknown as { method: string; path: string }] : [],
  );
});

/** The route with the own organisation's ids: the viewer as the member, a published flow. */
async function concrete(h: Harness, path: string): Promise<string> {
  const flowId = path.includes('{id}') ? await publishedFlow(h, h.own.owner, 'eigen') : '';
  return path.replace('{userId}', h.own.viewer.userId).replace('{id}', flowId);
}

describe('role matrix of the team routes (generated from the route table)', () => {
  it('knows every team route', () => {
    const team = routes.filter((r) => isTeamRoute(r.path)).map((r) => `${r.method} ${r.path}`);
    expect(team.sort()).toEqual(Object.keys(TEAM_ROUTES).sort());
  });

  it('answers 403 exactly to the roles without the permission', async () => {
    for (const [route, { permission, body }] of Object.entries(TEAM_ROUTES)) {
      const [method, path] = route.split(' ');
      // A fresh organisation per route: the allowed calls change members and settings.
      const h = await createHarness();
      const url = await concrete(h, path);
      const allowed = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
      const refused = ROLES.filter((r) => !allowed.includes(r) && r !== 'viewer');
      for (const role of refused) {
        const res = await h.as(h.own[role], method.toUpperCase(), url, body);
        expect(res.status, `${role} ${route}`).toBe(403);
      }
      // The viewer is the member acted upon; it is refused too (first, while still a member).
      if (!allowed.includes('viewer'))
        expect((await h.as(h.own.viewer, method.toUpperCase(), url, body)).status, `viewer ${route}`).toBe(
          403,
        );
      for (const role of allowed) {
        const res = await h.as(h.own[role], method.toUpperCase(), url, body);
        expect(res.status, `${role} ${route}`).toBeLessThan(300);
      }
    }
  });

  it('lets every role manage its own account, and no API token', async () => {
    const h = await createHarness();
    const token = `${API_TOKEN_PREFIX}team-roles-token`;
    await h.store.tokens.create(h.own.owner.tenantId, {
      id: 'tok_team_roles',
      userId: h.own.owner.userId,
      name: 'alle',
      scopes: ['members:manage', 'flows:read'],
      secretHash: sha256Hex(token),
    });
    const account = routes.filter((r) => r.path.startsWith('/api/account/'));
    expect(account.length).toBeGreaterThanOrEqual(5);
    for (const role of ROLES) {
      const res = await h.as(h.own[role], 'POST', '/api/account/two-factor');
      expect(res.status, role).toBe(201);
    }
    for (const r of account) {
      const res = await h.withToken(
        token,
        r.method.toUpperCase(),
        r.path,
        r.method === 'get' ? undefined : {},
      );
      expect([400, 403], `token ${r.method} ${r.path}`).toContain(res.status);
    }
    expect((await h.withToken(token, 'POST', '/api/account/two-factor')).status).toBe(403);
  });
});
