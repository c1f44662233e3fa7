// Per-request state shared by middleware and routes, and the helpers routes use to authorize
// and audit. Routes call `allow(c, permission)` *after* resolving the resource in the caller's
// tenant, so a foreign id is always 404 whatever the role, and 403 only ever concerns the
// caller's own tenant.
import type { Context } from 'hono';
import type { Permission, Principal } from '../auth/permissions';
import type { FlowRow } from '../store/types';
import type { AppDeps } from './deps';
import { ApiError, forbidden } from './errors';

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    principal?: Principal;
    /** Set by the flow resolver for /api/flows/:id/**. */
    flow?: FlowRow;
  };
};

export type AppContext = Context<AppEnv>;

export function principal(c: AppContext): Principal {
  const p = c.get('principal');
  if (!p) throw new ApiError(401, 'unauthenticated', 'Please log in / Bitte anmelden');
  return p;
}

export function allow(c: AppContext, permission: Permission): Principal {
  const p = principal(c);
  if (!p.permissions.has(permission)) throw forbidden();
  return p;
}

export function resolvedFlow(c: AppContext): FlowRow {
  const flow = c.get('flow');
  if (!flow) throw new Error('flow resolver did not run');
  return flow;
}

/** Records an audit event: who (user or token id), what, which object — ids only. */
export async function audit(
  c: AppContext,
  action: string,
  targetType: string,
  targetId: string | null,
): Promise<void> {
  const p = principal(c);
  await c.get('deps').store.audit.record(p.tenantId, {
    actorType: p.kind === 'token' ? 'token' : 'user',
    actorId: p.actorId,
    action,
    targetType,
    targetId,
  });
}
