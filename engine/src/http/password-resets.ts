// Password-reset links: a one-time token (1 h) in the link's fragment (`/#passwort=…`, never sent
// to a server by the browser), stored only as its hash. Asked for by e-mail (the link goes only to
// the account's address), or issued by an owner for a member who belongs to no other
// organisation. Setting the new password ends every session of the account.
import { hashPassword } from '../auth/passwords';
import { passwordProblem } from '../auth/password-policy';
import { newSecret, sha256Hex } from '../auth/secrets';
import type { Store } from '../store/types';
import type { AppDeps } from './deps';
import { ApiError } from './errors';

export const RESET_TTL_MS = 60 * 60 * 1000;
/** The designer reads this fragment parameter and shows the new-password page. */
export const RESET_FRAGMENT = 'passwort';

type Deps = Pick<AppDeps, 'store' | 'now' | 'config'>;

export async function issueResetLink(
  deps: Deps,
  input: { userId: string; createdBy: string | null },
): Promise<{ url: string; expiresAt: number }> {
  const token = newSecret();
  const expiresAt = deps.now() + RESET_TTL_MS;
  await deps.store.passwordResets.create({ tokenHash: sha256Hex(token), expiresAt, ...input });
  return { url: `${deps.config.publicBaseUrl}/#${RESET_FRAGMENT}=${token}`, expiresAt };
}

/** 400 with the reason when a new password is too short or one of the common ones. */
export function assertNewPassword(password: string): void {
  const problem = passwordProblem(password);
  if (!problem) return;
  throw new ApiError(
    400,
    problem,
    problem === 'password.common'
      ? 'This password is one of the most common ones / Dieses Passwort gehört zu den häufigsten'
      : 'The password needs at least 12 characters / Das Passwort braucht mindestens 12 Zeichen',
  );
}

/** Sets the new password behind a reset link (consumed once); the account's id. */
export async function useResetLink(deps: Deps, input: { token: string; password: string }): Promise<string> {
  assertNewPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const userId = await deps.store.passwordResets.take(sha256Hex(input.token), deps.now());
  if (!userId)
    throw new ApiError(
      404,
      'password_reset.invalid',
      'This link is unknown, used or expired / Dieser Link ist unbekannt, benutzt oder abgelaufen',
    );
  await deps.store.users.setPassword(userId, passwordHash);
  return userId;
}

/** True when the person belongs to no organisation but this one (and is not the operator). */
export async function onlyHere(
  store: Pick<Store, 'memberships' | 'users'>,
  tenantId: string,
  userId: string,
) {
  const [memberships, user] = await Promise.all([
    store.memberships.listForUser(userId),
    store.users.get(userId),
  ]);
  return !user?.isOperator && memberships.every((m) => m.tenantId === tenantId);
}
