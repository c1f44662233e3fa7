// Login, logout and "who am I". Login is rate-limited per client address + e-mail and answers
// the same 401 for an unknown e-mail and a wrong password (and spends the same time on both).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { effectivePermissions } from '../../auth/permissions';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords';
import { createRateLimiter } from '../../auth/rate-limit';
import { newSecret, sha256Hex } from '../../auth/secrets';
import { clientAddress } from '../client-address';
import { principal, type AppContext, type AppEnv } from '../context';
import { ApiError } from '../errors';
import { errorResponses, jsonContent, Me, SECURITY } from '../schemas';
import { clearSessionCookie, SESSION_TTL_MS, sessionCookieName, setSessionCookie } from '../session-cookie';
import { vendorSettings } from './privacy';

const LoginBody = z
  .object({
    email: z.string().email().max(254),
    password: z.string().min(1).max(1024),
    /** Only needed when the account belongs to several organisations. */
    tenantId: z.string().max(64).optional(),
  })
  .openapi('Login');

const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Log in with e-mail and password; sets the session cookie',
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  responses: { 200: jsonContent(Me, 'Logged in'), ...errorResponses(400, 401, 429) },
});

const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  security: SECURITY,
  summary: 'End the session',
  responses: { 204: { description: 'Logged out' }, ...errorResponses(401, 403) },
});

const me = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  security: SECURITY,
  summary: 'The logged-in user, organisation, role and the CSRF token for this session',
  responses: { 200: jsonContent(Me, 'Me'), ...errorResponses(401) },
});

const invalid = () =>
  new ApiError(401, 'invalid_credentials', 'E-mail or password wrong / E-Mail oder Passwort falsch');

async function meBody(c: AppContext, tenantId: string, userId: string) {
  const { store } = c.get('deps');
  const [user, tenant, member] = await Promise.all([
    store.users.get(userId),
    store.tenants.get(tenantId),
    store.memberships.get(tenantId, userId),
  ]);
  if (!user || !tenant || !member) throw invalid();
  return {
    user: { id: user.id, email: user.email },
    tenant: { id: tenant.id, name: tenant.name },
    role: member.role,
    vendors: vendorSettings(c.get('deps')),
  };
}

export function authRoutes(app: OpenAPIHono<AppEnv>): void {
  const limiter = createRateLimiter({ max: 10, windowMs: 15 * 60 * 1000 });

  app.openapi(login, async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const key = `${clientAddress(c, deps.config.trustProxy)}|${body.email.toLowerCase()}`;
    const wait = limiter.hit(key, deps.now());
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiError(429, 'rate_limited', 'Too many attempts / Zu viele Versuche');
    }
    const user = await deps.store.users.findByEmail(body.email);
    if (!user) {
      await burnPasswordCheck(body.password);
      throw invalid();
    }
    if (!(await verifyPassword(user.passwordHash, body.password))) throw invalid();
    const memberships = await deps.store.memberships.listForUser(user.id);
    const membership = body.tenantId ? memberships.find((m) => m.tenantId === body.tenantId) : memberships[0];
    if (!membership) throw invalid();
    limiter.reset(key);
    const secret = newSecret();
    const csrfToken = newSecret();
    const now = deps.now();
    await deps.store.sessions.create({
      idHash: sha256Hex(secret),
      tenantId: membership.tenantId,
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt: now + SESSION_TTL_MS,
    });
    setSessionCookie(c, deps.config.publicBaseUrl, secret);
    const body200 = await meBody(c, membership.tenantId, user.id);
    await deps.store.audit.record(membership.tenantId, {
      actorType: 'user',
      actorId: user.id,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
    });
    return c.json({ ...body200, permissions: [...effectivePermissions(membership.role)], csrfToken }, 200);
  });

  app.openapi(logout, async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    const cookie = getCookie(c, sessionCookieName(deps.config.publicBaseUrl));
    if (p.kind === 'session' && cookie) await deps.store.sessions.delete(sha256Hex(cookie));
    clearSessionCookie(c, deps.config.publicBaseUrl);
    return c.body(null, 204);
  });

  app.openapi(me, async (c) => {
    const p = principal(c);
    const body = await meBody(c, p.tenantId, p.userId);
    return c.json({ ...body, permissions: [...p.permissions], csrfToken: p.csrfToken ?? null }, 200);
  });
}
