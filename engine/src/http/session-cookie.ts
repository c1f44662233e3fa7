// The session cookie. Under https it takes the `__Host-` prefix, which browsers only accept with
// Secure, Path=/ and no Domain — so no sibling subdomain can plant or read it.
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { newSecret, sha256Hex } from '../auth/secrets';
import type { AppDeps } from './deps';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const isHttps = (publicBaseUrl: string) => publicBaseUrl.startsWith('https:');

export const sessionCookieName = (publicBaseUrl: string): string =>
  isHttps(publicBaseUrl) ? '__Host-callflow_session' : 'callflow_session';

export function setSessionCookie(c: Context, publicBaseUrl: string, value: string): void {
  setCookie(c, sessionCookieName(publicBaseUrl), value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(publicBaseUrl),
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: Context, publicBaseUrl: string): void {
  deleteCookie(c, sessionCookieName(publicBaseUrl), { path: '/', secure: isHttps(publicBaseUrl) });
}

/**
 * Starts a session (login, accepted invitation): stores the hash of a fresh secret, sets the
 * cookie, and returns the CSRF token the page must echo on writes.
 */
export async function openSession(
  c: Context,
  deps: Pick<AppDeps, 'store' | 'now' | 'config'>,
  tenantId: string | null,
  userId: string,
): Promise<string> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const now = deps.now();
  await deps.store.sessions.create({
    idHash: sha256Hex(secret),
    tenantId,
    userId,
    csrfToken,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
  });
  setSessionCookie(c, deps.config.publicBaseUrl, secret);
  return csrfToken;
}
