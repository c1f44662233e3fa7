// A signed-in member without the login route: the user, the membership and a session row are
// written straight into the store, so tests pay no argon2 per role (the login and two-factor
// routes have their own tests).
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../engine/src/auth/secrets';
import type { Role, Store } from '../../engine/src/store/types';

export interface DirectSession {
  userId: string;
  /** The session cookie's value (without its name, which depends on the deployment's address). */
  cookie: string;
  csrf: string;
}

/** A session row for an existing user; `tenantId` null is a session outside every organisation. */
export async function insertSession(
  store: Store,
  tenantId: string | null,
  userId: string,
  now: () => number = Date.now,
): Promise<DirectSession> {
  const cookie = randomBytes(24).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await store.sessions.create({
    idHash: sha256Hex(cookie),
    tenantId,
    userId,
    csrfToken: csrf,
    createdAt: now(),
    expiresAt: now() + 3_600_000,
  });
  return { userId, cookie, csrf };
}

/**
 * A new member of `tenantId` with `role`, signed in. `twoFactor`: the member has enrolled a second
 * factor, as an owner of an https deployment must (two-factor-policy.ts); its sealed secret is never
 * read, because the session is created directly.
 */
export async function signedInMember(
  store: Store,
  tenantId: string,
  email: string,
  role: Role,
  options: { now?: () => number; twoFactor?: boolean } = {},
): Promise<DirectSession> {
  const user = await store.users.create(email, 'not-a-real-hash');
  await store.memberships.add(tenantId, user.id, role);
  if (options.twoFactor) {
    await store.twoFactor.begin(user.id, 'sealed-secret-of-the-test-member');
    await store.twoFactor.confirm(user.id, []);
  }
  return insertSession(store, tenantId, user.id, options.now);
}
