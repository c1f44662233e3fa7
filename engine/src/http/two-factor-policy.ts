// Who must log in with a second factor: every member of an organisation whose owner requires
// it, and — once the service is reachable over https, i.e. really in service — the operator and
// every owner (they can invite, remove and delete). Until such a person has enrolled, their
// session reaches only their own account (me, logout, /api/account/…) to do so.
import type { Role, Tenant, User } from '../store/types';

export function mustUseTwoFactor(
  publicBaseUrl: string,
  user: Pick<User, 'isOperator'>,
  tenant: Pick<Tenant, 'twoFactorRequired'> | undefined,
  role: Role | null,
): boolean {
  if (tenant?.twoFactorRequired) return true;
  return publicBaseUrl.startsWith('https:') && (user.isOperator || role === 'owner');
}

/** What a session may reach before it has enrolled (its own account, to enrol). */
export const ENROLMENT_PATHS: readonly string[] = ['/api/me', '/api/auth/logout'];
export const ACCOUNT_PREFIX = '/api/account/';
export const isEnrolmentPath = (path: string): boolean =>
  ENROLMENT_PATHS.includes(path) || path.startsWith(ACCOUNT_PREFIX);
