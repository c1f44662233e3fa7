// A person's own account (session only, never a token): change the password, switch to another
// of their organisations (the designer's organisation switcher), and the second factor — enrol
// (secret + QR code), confirm with a first code (recovery codes, shown once), switch it off.
// Reachable before enrolment when two-factor login is required (two-factor-policy.ts), and by
// the operator outside every organisation.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { attemptLimiter, LOGIN_LIMIT } from '../../auth/attempt-limit';
import { effectivePermissions } from '../../auth/permissions';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { sha256Hex } from '../../auth/secrets';
import {
  confirmEnrolment,
  startEnrolment,
  verifySecondFactor,
  type TwoFactorDeps,
} from '../../auth/two-factor';
import { auditAccount } from '../account-audit';
import type { AppContext, AppEnv } from '../context';
import { ApiError, forbidden, notFound } from '../errors';
import { assertNewPassword } from '../password-resets';
import { errorResponses, jsonContent, Me, SECURITY } from '../schemas';
import { openSession, sessionCookieName } from '../session-cookie';
import { mustUseTwoFactor } from '../two-factor-policy';
import { meBody } from './auth';

const base = { tags: ['account'], security: SECURITY };
const json = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const changePassword = createRoute({
  ...base,
  method: 'put',
  path: '/api/account/password',
  summary: 'Change your own password; your other sessions end',
  request: json(
    z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }),
  ),
  responses: { 204: { description: 'Changed' }, ...errorResponses(400, 401, 403, 429) },
});

export const switchOrganisation = createRoute({
  ...base,
  method: 'put',
  path: '/api/account/organisation',
  summary: 'Switch to another of your organisations (a new session there)',
  request: json(z.object({ tenantId: z.string().max(64) })),
  responses: { 200: jsonContent(Me, 'Switched'), ...errorResponses(400, 401, 403, 404) },
});

export const TwoFactorEnrolment = z
  .object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() })
  .openapi('TwoFactorEnrolment');

export const startTwoFactor = createRoute({
  ...base,
  method: 'post',
  path: '/api/account/two-factor',
  summary: 'Start enrolling an authenticator app: the secret and its QR code',
  responses: {
    201: jsonContent(TwoFactorEnrolment, 'Enrolment started'),
    ...errorResponses(401, 403, 409),
  },
});

export const confirmTwoFactor = createRoute({
  ...base,
  method: 'post',
  path: '/api/account/two-factor/confirm',
  summary: "Confirm the enrolment with the app's first code; answers the recovery codes (once)",
  request: json(z.object({ code: z.string().min(1).max(32) })),
  responses: {
    200: jsonContent(z.object({ recoveryCodes: z.array(z.string()) }), 'Enrolled'),
    ...errorResponses(400, 401, 403, 429),
  },
});

export const disableTwoFactor = createRoute({
  ...base,
  method: 'post',
  path: '/api/account/two-factor/disable',
  summary: 'Switch two-factor login off (password and a current code); not where it is required',
  request: json(z.object({ password: z.string().min(1).max(1024), code: z.string().min(1).max(32) })),
  responses: { 204: { description: 'Switched off' }, ...errorResponses(400, 401, 403, 409, 429) },
});

/** The account behind the session (a member's or the operator's); tokens manage no account. */
function sessionOf(c: AppContext): { userId: string; tenantId: string | null; cookie: string } {
  const p = c.get('principal');
  const o = c.get('operator');
  const kind = p?.kind ?? o?.kind;
  const userId = p?.userId ?? o?.userId;
  const cookie = getCookie(c, sessionCookieName(c.get('deps').config.publicBaseUrl));
  if (!userId) throw new ApiError(401, 'unauthenticated', 'Please log in / Bitte anmelden');
  if (kind !== 'session' || !cookie) throw forbidden();
  return { userId, tenantId: p?.tenantId ?? null, cookie };
}

const twoFactorDeps = (c: AppContext): TwoFactorDeps => {
  const deps = c.get('deps');
  return { store: deps.store, key: deps.twoFactorKey, now: deps.now };
};

function tooMany(c: AppContext, retryAfter: number): never {
  c.header('Retry-After', String(retryAfter));
  throw new ApiError(429, 'rate_limited', 'Too many attempts / Zu viele Versuche');
}

/** The current password (guesses count against the login limit of the account). */
async function provePassword(c: AppContext, userId: string, password: string): Promise<void> {
  const deps = c.get('deps');
  const limiter = attemptLimiter(deps.store.attemptLimits, LOGIN_LIMIT);
  const wait = await limiter.hit(`account|${userId}`, deps.now());
  if (wait > 0) tooMany(c, wait);
  const user = await deps.store.users.get(userId);
  if (!user || !(await verifyPassword(user.passwordHash, password)))
    throw new ApiError(401, 'invalid_credentials', 'The password is wrong / Das Passwort ist falsch');
  await limiter.reset(`account|${userId}`);
}

export function accountRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(changePassword, async (c) => {
    const { userId, cookie } = sessionOf(c);
    const body = c.req.valid('json');
    assertNewPassword(body.newPassword);
    await provePassword(c, userId, body.currentPassword);
    const deps = c.get('deps');
    await deps.store.users.setPassword(userId, await hashPassword(body.newPassword), {
      keepSession: sha256Hex(cookie),
    });
    await auditAccount(deps.store, userId, 'password.change');
    return c.body(null, 204);
  });

  app.openapi(switchOrganisation, async (c) => {
    const { tenantId: wanted } = c.req.valid('json');
    const deps = c.get('deps');
    // Resolved before anything else: an organisation the person is not in is 404, as unknown.
    const userId = c.get('principal')?.userId ?? c.get('operator')?.userId;
    const [member, tenant] = await Promise.all([
      userId ? deps.store.memberships.get(wanted, userId) : undefined,
      deps.store.tenants.get(wanted),
    ]);
    if (!member || tenant?.status !== 'active') throw notFound();
    const { cookie } = sessionOf(c);
    const csrfToken = await openSession(c, deps, wanted, member.userId);
    await deps.store.sessions.delete(sha256Hex(cookie));
    const body = await meBody(c, wanted, member.userId);
    return c.json({ ...body, permissions: [...effectivePermissions(member.role)], csrfToken }, 200);
  });

  app.openapi(startTwoFactor, async (c) => {
    const { userId } = sessionOf(c);
    const user = await c.get('deps').store.users.get(userId);
    if (!user) throw notFound();
    const enrolment = await startEnrolment(twoFactorDeps(c), user);
    if (!enrolment)
      throw new ApiError(
        409,
        'two_factor.enabled',
        'Two-factor login is already on / Die Zwei-Faktor-Anmeldung ist bereits eingeschaltet',
      );
    return c.json(enrolment, 201);
  });

  app.openapi(confirmTwoFactor, async (c) => {
    const { userId } = sessionOf(c);
    const confirmed = await confirmEnrolment(twoFactorDeps(c), userId, c.req.valid('json').code);
    if (!confirmed.ok) {
      if (confirmed.retryAfter) tooMany(c, confirmed.retryAfter);
      throw new ApiError(
        400,
        'two_factor.invalid',
        'The code is wrong or used / Der Code ist falsch oder verbraucht',
      );
    }
    await auditAccount(c.get('deps').store, userId, 'two_factor.enable');
    return c.json({ recoveryCodes: confirmed.recoveryCodes }, 200);
  });

  app.openapi(disableTwoFactor, async (c) => {
    const { userId } = sessionOf(c);
    const deps = c.get('deps');
    const body = c.req.valid('json');
    await provePassword(c, userId, body.password);
    const checked = await verifySecondFactor(twoFactorDeps(c), userId, body.code);
    if (!checked.ok) {
      if (checked.retryAfter) tooMany(c, checked.retryAfter);
      throw new ApiError(
        400,
        'two_factor.invalid',
        'The code is wrong or used / Der Code ist falsch oder verbraucht',
      );
    }
    if (await requiredAnywhere(c, userId))
      throw new ApiError(
        409,
        'two_factor.required',
        'Two-factor login is required for you / Die Zwei-Faktor-Anmeldung ist für Sie vorgeschrieben',
      );
    await deps.store.twoFactor.remove(userId);
    await auditAccount(deps.store, userId, 'two_factor.disable');
    return c.body(null, 204);
  });
}

/** Whether the person must use a second factor anywhere (an organisation's rule, operator, owner). */
async function requiredAnywhere(c: AppContext, userId: string): Promise<boolean> {
  const { store, config } = c.get('deps');
  const user = await store.users.get(userId);
  if (!user) return false;
  if (mustUseTwoFactor(config.publicBaseUrl, user, undefined, null)) return true;
  const memberships = await store.memberships.listForUser(userId);
  for (const m of memberships) {
    const tenant = await store.tenants.get(m.tenantId);
    if (mustUseTwoFactor(config.publicBaseUrl, user, tenant, m.role)) return true;
  }
  return false;
}
