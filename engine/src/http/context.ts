// Per-request state shared by middleware and routes, and the helpers routes use to authorize
// and audit. Routes call `allow(c, permission)` *after* resolving the resource in the caller's
// tenant, so a foreign id is always 404 whatever the role, and 403 only ever concerns the
// caller's own tenant.
import type { Context } from 'hono';
import type { OperatorPrincipal, Permission, Principal } from '../auth/permissions';
import type { FlowRow } from '../store/types';
import type { AppDeps } from './deps';
import { ApiError, forbidden } from './errors';

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    /** The caller inside an organisation (member session or organisation token). */
    principal?: Principal;
    /** The caller as platform operator (operator session or operator token). */
    operator?: OperatorPrincipal;
    /** Set by the flow resolver for /api/flows/:id/**. */
    flow?: FlowRow;
  };
};

export type AppContext = Context<AppEnv>;

export function principal(c: AppContext): Principal {
  const p = c.get('principal');
  // An operator outside every organisation reaches no organisation's data (403, never content).
  if (!p && c.get('operator')) throw forbidden();
  if (!p) throw new ApiError(401, 'unauthenticated', 'Please log in / Bitte anmelden');
  return p;
}

/** The operator, or 403 for everyone else (also for an owner: administration is not a role). */
export function operator(c: AppContext): OperatorPrincipal {
  const o = c.get('operator');
  if (!o && !c.get('principal')) throw new ApiError(401, 'unauthenticated', 'Please log in / Bitte anmelden');
  if (!o) throw forbidden();
  return o;
}

/** Records an entry in the operator's audit trail (ids only), naming the organisation concerned. */
export async function operatorAudit(
  c: AppContext,
  action: string,
  target: { type: 'organisation' | 'number' | 'token'; id: string; tenantId: string | null },
): Promise<void> {
  const o = operator(c);
  await c.get('deps').store.operatorAudit.record({
    actorType: o.kind === 'token' ? 'token' : 'user',
    actorId: o.actorId,
    action,
    targetType: target.type,
    targetId: target.id,
    tenantId: target.tenantId,
  });
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
