// Where two-factor login is required (two-factor-policy.ts) and a person has not enrolled yet,
// their session reaches only their own account — to enrol — and every other route answers 403
// `two_factor.enrolment_required`. Tokens are not gated: they are created by someone already in.
import type { MiddlewareHandler } from 'hono';
import { hasSecondFactor } from '../../auth/two-factor';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';
import { isEnrolmentPath, mustUseTwoFactor } from '../two-factor-policy';

export function twoFactorGate(publicPaths: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    const o = c.get('operator');
    const kind = p?.kind ?? o?.kind;
    if (kind !== 'session' || publicPaths.has(c.req.path) || isEnrolmentPath(c.req.path)) return next();
    const { store, config } = c.get('deps');
    const userId = (p?.userId ?? o?.userId) as string;
    const [user, tenant] = await Promise.all([
      store.users.get(userId),
      p ? store.tenants.get(p.tenantId) : undefined,
    ]);
    if (!user || !mustUseTwoFactor(config.publicBaseUrl, user, tenant, p?.role ?? null)) return next();
    if (await hasSecondFactor({ store }, userId)) return next();
    throw new ApiError(
      403,
      'two_factor.enrolment_required',
      'Set up two-factor login first (Mein Konto) / Bitte zuerst die Zwei-Faktor-Anmeldung einrichten (Mein Konto)',
    );
  };
}
