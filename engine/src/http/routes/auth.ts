// Login, logout and "who am I". Login is rate-limited per client address + e-mail (counted in the
// database, so every process and instance counts together) and answers the same 401 for an
// unknown e-mail and a wrong password (and spends the same time on both). An account with a
// second factor sends its code (or a recovery code) with the password; without one the answer is
// 401 `two_factor.required` and the designer asks for it.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { effectivePermissions } from '../../auth/permissions';
import { attemptLimiter, LOGIN_LIMIT } from '../../auth/attempt-limit';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords';
import { sha256Hex } from '../../auth/secrets';
import { hasSecondFactor, verifySecondFactor } from '../../auth/two-factor';
import { clientAddress } from '../client-address';
import type { Role, User } from '../../store/types';
import type { AppContext, AppEnv } from '../context';
import { ApiError } from '../errors';
import { errorResponses, jsonContent, Me, SECURITY } from '../schemas';
import { clearSessionCookie, openSession, sessionCookieName } from '../session-cookie';
import { mustUseTwoFactor } from '../two-factor-policy';
import { vendorSettings } from './privacy';

const LoginBody = z
  .object({
    email: z.string().email().max(254),
    password: z.string().min(1).max(1024),
    /** Only needed when the account belongs to several organisations. */
    tenantId: z.string().max(64).optional(),
    /** The second factor: the authenticator app's current code, or a recovery code. */
    code: z.string().max(32).optional(),
  })
  .openapi('Login');

export const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Log in with e-mail and password; sets the session cookie',
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  responses: { 200: jsonContent(Me, 'Logged in'), ...errorResponses(400, 401, 403, 429) },
});

const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  security: SECURITY,
  summary: 'End the session',
  responses: { 204: { description: 'Logged out' }, ...errorResponses(401, 403) },
});

export const me = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  security: SECURITY,
  summary: 'The logged-in user, organisation, role and the CSRF token for this session',
  responses: { 200: jsonContent(Me, 'Me'), ...errorResponses(401) },
});

const invalid = () =>
  new ApiError(401, 'invalid_credentials', 'E-mail or password wrong / E-Mail oder Passwort falsch');

/** Who is logged in: the user, the organisation (if any) with the role there, the operator flag. */
export async function meBody(c: AppContext, tenantId: string | null, userId: string) {
  const { store, config } = c.get('deps');
  const [user, tenant, member, enabled, organisations] = await Promise.all([
    store.users.get(userId),
    tenantId ? store.tenants.get(tenantId) : undefined,
    tenantId ? store.memberships.get(tenantId, userId) : undefined,
    hasSecondFactor({ store }, userId),
    activeOrganisations(c, userId),
  ]);
  if (!user || (tenantId && (!tenant || !member))) throw invalid();
  return {
    user: { id: user.id, email: user.email, name: user.name },
    tenant: tenant ? { id: tenant.id, name: tenant.name } : null,
    role: member?.role ?? null,
    operator: user.isOperator,
    twoFactor: {
      enabled,
      required: mustUseTwoFactor(config.publicBaseUrl, user, tenant, member?.role ?? null),
    },
    organisations,
    vendors: vendorSettings(c.get('deps')),
  };
}

/** The person's organisations that are not suspended, for the organisation switcher. */
async function activeOrganisations(c: AppContext, userId: string) {
  const { store } = c.get('deps');
  const memberships = await store.memberships.listForUser(userId);
  const tenants = await Promise.all(memberships.map((m) => store.tenants.get(m.tenantId)));
  return memberships.flatMap((m, i) => {
    const t = tenants[i];
    return t && t.status === 'active' ? [{ id: t.id, name: t.name, role: m.role }] : [];
  });
}

/** The second step of a login: 401 without a code or with a wrong one, 429 over the limit. */
async function checkSecondFactor(c: AppContext, userId: string, code: string | undefined): Promise<void> {
  const deps = c.get('deps');
  if (!(await hasSecondFactor(deps, userId))) return;
  if (!code)
    throw new ApiError(
      401,
      'two_factor.required',
      'Enter the code of your authenticator app / Bitte den Code Ihrer Authenticator-App eingeben',
    );
  const checked = await verifySecondFactor(
    { store: deps.store, key: deps.twoFactorKey, now: deps.now },
    userId,
    code,
  );
  if (checked.ok) return;
  if (checked.retryAfter) {
    c.header('Retry-After', String(checked.retryAfter));
    throw new ApiError(429, 'rate_limited', 'Too many attempts / Zu viele Versuche');
  }
  throw new ApiError(
    401,
    'two_factor.invalid',
    'The code is wrong or used / Der Code ist falsch oder verbraucht',
  );
}

/**
 * The organisation a login opens: the one asked for, else the first active one. A suspended
 * organisation's people cannot log in; the operator may log in outside every organisation.
 */
async function loginTenant(
  c: AppContext,
  user: User,
  asked: string | undefined,
): Promise<{ tenantId: string; role: Role } | null> {
  const { store } = c.get('deps');
  const memberships = (await store.memberships.listForUser(user.id)).filter(
    (m) => asked === undefined || m.tenantId === asked,
  );
  const tenants = await Promise.all(memberships.map((m) => store.tenants.get(m.tenantId)));
  const active = memberships.find((_m, i) => tenants[i]?.status === 'active');
  if (active) return active;
  if (user.isOperator && asked === undefined) return null;
  if (memberships.length > 0) {
    throw new ApiError(
      403,
      'organisation.suspended',
      'This organisation is suspended / Diese Organisation ist derzeit gesperrt',
    );
  }
  throw invalid();
}

export function authRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(login, async (c) => {
    const deps = c.get('deps');
    const limiter = attemptLimiter(deps.store.attemptLimits, LOGIN_LIMIT);
    const body = c.req.valid('json');
    const key = `${clientAddress(c, deps.config.trustProxy)}|${body.email.toLowerCase()}`;
    const wait = await limiter.hit(key, deps.now());
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
    const membership = await loginTenant(c, user, body.tenantId);
    await checkSecondFactor(c, user.id, body.code);
    await limiter.reset(key);
    const tenantId = membership?.tenantId ?? null;
    const csrfToken = await openSession(c, deps, tenantId, user.id);
    const body200 = await meBody(c, tenantId, user.id);
    if (tenantId)
      await deps.store.audit.record(tenantId, {
        actorType: 'user',
        actorId: user.id,
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
      });
    const permissions = membership ? [...effectivePermissions(membership.role)] : [];
    return c.json({ ...body200, permissions, csrfToken }, 200);
  });

  app.openapi(logout, async (c) => {
    const deps = c.get('deps');
    const kind = c.get('principal')?.kind ?? c.get('operator')?.kind;
    const cookie = getCookie(c, sessionCookieName(deps.config.publicBaseUrl));
    if (kind === 'session' && cookie) await deps.store.sessions.delete(sha256Hex(cookie));
    clearSessionCookie(c, deps.config.publicBaseUrl);
    return c.body(null, 204);
  });

  app.openapi(me, async (c) => {
    const p = c.get('principal');
    const o = c.get('operator');
    const userId = p?.userId ?? o?.userId;
    if (!userId) throw new ApiError(401, 'unauthenticated', 'Please log in / Bitte anmelden');
    const body = await meBody(c, p?.tenantId ?? null, userId);
    const csrfToken = p?.csrfToken ?? o?.csrfToken ?? null;
    return c.json({ ...body, permissions: p ? [...p.permissions] : [], csrfToken }, 200);
  });
}
