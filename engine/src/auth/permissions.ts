// Roles and token scopes map onto one set of permissions. A request's rights are its role's
// permissions, narrowed by the token's scopes when it authenticates with an API token.
import type { Role } from '../store/types';

export const PERMISSIONS = [
  'flows:read',
  'flows:write',
  'flows:publish',
  'numbers:read',
  'numbers:write',
  'tokens:write',
  'targets:write',
  'audit:read',
  'calls:read',
  'receipts:read',
  // Privacy core: marking notes done (front desk), deleting by hand and data-subject requests
  // (the controller's decisions: owner only), test calls, and seeing the webhook secret.
  'calls:done',
  'calls:delete',
  'subjects:manage',
  'flows:simulate',
  'settings:webhook',
  // Flow analytics: aggregate counters only, so everyone who can read the flow may read them.
  'analytics:read',
  // The team: invite, change roles, remove, issue reset links, require two-factor login (owner).
  'members:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['flows:read', 'numbers:read', 'analytics:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  editor: [...READ, 'flows:write', 'flows:publish', 'numbers:write', 'flows:simulate'],
  agent: [...READ, 'calls:read', 'calls:done'],
  auditor: [...READ, 'audit:read', 'receipts:read'],
  viewer: READ,
};

/** Scopes an API token can carry (a token can never exceed its creator's role). */
export const TOKEN_SCOPES = PERMISSIONS.filter((p) => p !== 'tokens:write');

export interface Principal {
  kind: 'session' | 'token';
  tenantId: string;
  userId: string;
  role: Role;
  /** The token id for `kind: 'token'`, the user id otherwise (for audit events). */
  actorId: string;
  /** Effective permissions. */
  permissions: ReadonlySet<Permission>;
  /** Session only: the CSRF token bound to the session. */
  csrfToken?: string;
}

/** The scope of an operator token: administration (organisations, numbers, operator audit) only. */
export const OPERATOR_SCOPE = 'admin';

/**
 * The platform operator acting as such (session of an operator account, or an operator token).
 * Carries no organisation and no organisation permission: the operator reads an organisation's
 * flows, notes or receipts only through a membership there (a separate `Principal`).
 */
export interface OperatorPrincipal {
  kind: 'session' | 'token';
  userId: string;
  /** The token id for `kind: 'token'`, the user id otherwise (for audit events). */
  actorId: string;
  csrfToken?: string;
}

export function effectivePermissions(role: Role, scopes?: readonly string[]): Set<Permission> {
  const granted = ROLE_PERMISSIONS[role];
  return new Set(scopes ? granted.filter((p) => scopes.includes(p)) : granted);
}
