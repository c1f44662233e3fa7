// Who is calling: a session cookie (browser) or `Authorization: Bearer cf_…` (integrators).
// Cookie-authenticated unsafe requests must echo the session's CSRF token in `X-CSRF-Token`
// (synchronizer token: the token lives in the session row and is handed to the page at login
// and by GET /api/me; SameSite=Lax on the cookie is a second layer, not the only one).
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { effectivePermissions, type Principal } from '../../auth/permissions';
import { API_TOKEN_PREFIX, safeEqual, sha256Hex } from '../../auth/secrets';
import type { AppDeps } from '../deps';
import type { AppContext, AppEnv } from '../context';
import { ApiError } from '../errors';
import { sessionCookieName } from '../session-cookie';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

async function fromToken(deps: AppDeps, header: string): Promise<Principal | undefined> {
  const secret = header.slice('Bearer '.length).trim();
  if (!secret.startsWith(API_TOKEN_PREFIX)) return undefined;
  const token = await deps.store.tokens.findBySecretHash(sha256Hex(secret));
  if (!token) return undefined;
  const member = await deps.store.memberships.get(token.tenantId, token.userId);
  if (!member) return undefined;
  // "Last used" to the minute: a write (and fsync) on every request would cost more than it tells.
  const now = deps.now();
  if (token.lastUsedAt === null || now - token.lastUsedAt > 60_000)
    await deps.store.tokens.touch(token.tenantId, token.id, now);
  return {
    kind: 'token',
    tenantId: token.tenantId,
    userId: token.userId,
    role: member.role,
    actorId: token.id,
    permissions: effectivePermissions(member.role, token.scopes),
  };
}

async function fromSession(deps: AppDeps, cookie: string): Promise<Principal | undefined> {
  const session = await deps.store.sessions.find(sha256Hex(cookie), deps.now());
  if (!session) return undefined;
  const member = await deps.store.memberships.get(session.tenantId, session.userId);
  if (!member) return undefined;
  return {
    kind: 'session',
    tenantId: session.tenantId,
    userId: session.userId,
    role: member.role,
    actorId: session.userId,
    permissions: effectivePermissions(member.role),
    csrfToken: session.csrfToken,
  };
}

/** Resolves the principal if credentials are present; routes decide whether one is required. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.get('deps');
    const auth = c.req.header('Authorization');
    if (auth !== undefined) {
      const p = auth.startsWith('Bearer ') ? await fromToken(deps, auth) : undefined;
      if (!p) throw new ApiError(401, 'unauthenticated', 'Invalid token / Ungültiges Token');
      c.set('principal', p);
      return next();
    }
    // Login starts a new session whatever cookie the browser still holds, so an old session
    // (and its CSRF token) must not get in the way.
    if (c.req.path === '/api/auth/login') return next();
    const cookie = getCookie(c, sessionCookieName(deps.config.publicBaseUrl));
    const p = cookie ? await fromSession(deps, cookie) : undefined;
    if (p) {
      checkCsrf(c, p);
      c.set('principal', p);
    }
    return next();
  };
}

function checkCsrf(c: AppContext, p: Principal): void {
  if (SAFE.has(c.req.method)) return;
  const sent = c.req.header('X-CSRF-Token') ?? '';
  if (!p.csrfToken || !safeEqual(sent, p.csrfToken)) {
    throw new ApiError(403, 'csrf', 'Missing or wrong X-CSRF-Token / CSRF-Token fehlt oder falsch');
  }
}

/** Every /api route except the public ones needs a principal. */
export function requireAuth(publicPaths: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!publicPaths.has(c.req.path) && !c.req.path.startsWith('/api/docs') && !c.get('principal')) {
      throw new ApiError(401, 'unauthenticated', 'Please log in / Bitte anmelden');
    }
    return next();
  };
}
