// Who is calling: a session cookie (browser) or `Authorization: Bearer cf_…` (integrators).
// Cookie-authenticated unsafe requests must echo the session's CSRF token in `X-CSRF-Token`
// (synchronizer token: the token lives in the session row and is handed to the page at login
// and by GET /api/me; SameSite=Lax on the cookie is a second layer, not the only one).
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import {
  effectivePermissions,
  OPERATOR_SCOPE,
  type OperatorPrincipal,
  type Principal,
} from '../../auth/permissions';
import { API_TOKEN_PREFIX, safeEqual, sha256Hex } from '../../auth/secrets';
import type { Role } from '../../store/types';
import type { AppDeps } from '../deps';
import type { AppContext, AppEnv } from '../context';
import { ApiError } from '../errors';
import { sessionCookieName } from '../session-cookie';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who a request is: inside an organisation, as the operator, or both (operator session in a member organisation). */
interface Caller {
  principal?: Principal;
  operator?: OperatorPrincipal;
}

/** The member's principal, unless the organisation is suspended (its people are locked out). */
async function activeMembership(
  deps: AppDeps,
  tenantId: string,
  userId: string,
): Promise<{ role: Role } | undefined> {
  const [member, tenant] = await Promise.all([
    deps.store.memberships.get(tenantId, userId),
    deps.store.tenants.get(tenantId),
  ]);
  return member && tenant?.status === 'active' ? member : undefined;
}

async function fromToken(deps: AppDeps, header: string): Promise<Caller | undefined> {
  const secret = header.slice('Bearer '.length).trim();
  if (!secret.startsWith(API_TOKEN_PREFIX)) return undefined;
  const token = await deps.store.tokens.findBySecretHash(sha256Hex(secret));
  if (!token) return undefined;
  const touch = async () => {
    // "Last used" to the minute: a write (and fsync) on every request would cost more than it tells.
    const now = deps.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt > 60_000)
      await deps.store.tokens.touch(token.tenantId, token.id, now);
  };
  if (token.tenantId === null) {
    // An operator token: administration only, and only while its owner is still the operator.
    const user = await deps.store.users.get(token.userId);
    if (!user?.isOperator || !token.scopes.includes(OPERATOR_SCOPE)) return undefined;
    await touch();
    return { operator: { kind: 'token', userId: token.userId, actorId: token.id } };
  }
  const member = await activeMembership(deps, token.tenantId, token.userId);
  if (!member) return undefined;
  await touch();
  return {
    principal: {
      kind: 'token',
      tenantId: token.tenantId,
      userId: token.userId,
      role: member.role,
      actorId: token.id,
      permissions: effectivePermissions(member.role, token.scopes),
    },
  };
}

async function fromSession(deps: AppDeps, cookie: string): Promise<Caller | undefined> {
  const session = await deps.store.sessions.find(sha256Hex(cookie), deps.now());
  if (!session) return undefined;
  const user = await deps.store.users.get(session.userId);
  const operator: OperatorPrincipal | undefined = user?.isOperator
    ? { kind: 'session', userId: session.userId, actorId: session.userId, csrfToken: session.csrfToken }
    : undefined;
  const member = session.tenantId
    ? await activeMembership(deps, session.tenantId, session.userId)
    : undefined;
  if (!member || !session.tenantId) return operator ? { operator } : undefined;
  return {
    operator,
    principal: {
      kind: 'session',
      tenantId: session.tenantId,
      userId: session.userId,
      role: member.role,
      actorId: session.userId,
      permissions: effectivePermissions(member.role),
      csrfToken: session.csrfToken,
    },
  };
}

function setCaller(c: AppContext, caller: Caller): void {
  if (caller.principal) c.set('principal', caller.principal);
  if (caller.operator) c.set('operator', caller.operator);
}

/**
 * Who the request's credentials stand for right now. A long-lived answer (the inbox's live
 * stream) asks again before each push, so a logout, a removed member or a changed role stops it.
 */
export async function principalNow(c: AppContext): Promise<Principal | undefined> {
  const deps = c.get('deps');
  const auth = c.req.header('Authorization');
  if (auth !== undefined)
    return auth.startsWith('Bearer ') ? (await fromToken(deps, auth))?.principal : undefined;
  const cookie = getCookie(c, sessionCookieName(deps.config.publicBaseUrl));
  return cookie ? (await fromSession(deps, cookie))?.principal : undefined;
}

/** Resolves the principal if credentials are present; routes decide whether one is required. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.get('deps');
    const auth = c.req.header('Authorization');
    if (auth !== undefined) {
      const caller = auth.startsWith('Bearer ') ? await fromToken(deps, auth) : undefined;
      if (!caller) throw new ApiError(401, 'unauthenticated', 'Invalid token / Ungültiges Token');
      setCaller(c, caller);
      return next();
    }
    // Login starts a new session whatever cookie the browser still holds, so an old session
    // (and its CSRF token) must not get in the way.
    if (c.req.path === '/api/auth/login') return next();
    const cookie = getCookie(c, sessionCookieName(deps.config.publicBaseUrl));
    const caller = cookie ? await fromSession(deps, cookie) : undefined;
    if (caller) {
      checkCsrf(c, caller.principal?.csrfToken ?? caller.operator?.csrfToken);
      setCaller(c, caller);
    }
    return next();
  };
}

function checkCsrf(c: AppContext, csrfToken: string | undefined): void {
  if (SAFE.has(c.req.method)) return;
  const sent = c.req.header('X-CSRF-Token') ?? '';
  if (!csrfToken || !safeEqual(sent, csrfToken)) {
    throw new ApiError(403, 'csrf', 'Missing or wrong X-CSRF-Token / CSRF-Token fehlt oder falsch');
  }
}

/** Every /api route except the public ones needs a principal. */
export function requireAuth(publicPaths: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const known = c.get('principal') ?? c.get('operator');
    if (!publicPaths.has(c.req.path) && !c.req.path.startsWith('/api/docs') && !known) {
      throw new ApiError(401, 'unauthenticated', 'Please log in / Bitte anmelden');
    }
    return next();
  };
}
