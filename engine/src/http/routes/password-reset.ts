// Forgotten passwords (public). Asking answers 202 at once whatever the address — whether it
// exists is never revealed, neither by the answer nor by its timing: the look-up and the mail
// happen after the answer, in the background. Asking is limited per client address (answered
// 429) and per e-mail address (silently: no one's inbox gets flooded). The link goes only to the
// account's own address, so without SMTP_URL there is no self-service reset (owners can issue
// links for members who belong to no other organisation).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { attemptLimiter, RESET_LIMIT } from '../../auth/attempt-limit';
import { errorCode } from '../../log/index';
import { passwordResetMail } from '../../mail/messages';
import { auditAccount } from '../account-audit';
import { clientAddress } from '../client-address';
import type { AppDeps } from '../deps';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';
import { issueResetLink, useResetLink } from '../password-resets';
import { errorResponses } from '../schemas';

export const PASSWORD_RESET_PATH = '/api/auth/password-reset';
export const PASSWORD_RESET_CONFIRM_PATH = '/api/auth/password-reset/confirm';

const ask = createRoute({
  method: 'post',
  path: PASSWORD_RESET_PATH,
  tags: ['auth'],
  summary: 'Ask for a password-reset link by e-mail; 202 whether or not the address has an account',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ email: z.string().email().max(254) }) } },
      required: true,
    },
  },
  responses: { 202: { description: 'Accepted' }, ...errorResponses(400, 429) },
});

const confirm = createRoute({
  method: 'post',
  path: PASSWORD_RESET_CONFIRM_PATH,
  tags: ['auth'],
  summary: 'Set a new password with the one-time link; every session of the account ends',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ token: z.string().min(16).max(200), password: z.string().min(1).max(1024) }),
        },
      },
      required: true,
    },
  },
  responses: { 204: { description: 'Set' }, ...errorResponses(400, 404) },
});

/** After the answer: the account (if any), the per-address limit, the link, the mail. */
async function sendResetMail(deps: AppDeps, email: string): Promise<void> {
  const mailer = deps.mailer;
  if (!mailer) return;
  const perAddress = await attemptLimiter(deps.store.attemptLimits, RESET_LIMIT).hit(
    `email|${email.toLowerCase()}`,
    deps.now(),
  );
  if (perAddress > 0) return;
  const user = await deps.store.users.findByEmail(email);
  if (!user) return;
  const link = await issueResetLink(deps, { userId: user.id, createdBy: null });
  mailer.send(passwordResetMail({ to: user.email, ...link }), {
    event: 'mail.password_reset',
    userId: user.id,
  });
  await auditAccount(deps.store, user.id, 'password_reset.request');
}

export function passwordResetRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(ask, async (c) => {
    const deps = c.get('deps');
    const { email } = c.req.valid('json');
    const wait = await attemptLimiter(deps.store.attemptLimits, RESET_LIMIT).hit(
      `client|${clientAddress(c, deps.config.trustProxy)}`,
      deps.now(),
    );
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiError(429, 'rate_limited', 'Too many attempts / Zu viele Versuche');
    }
    void sendResetMail(deps, email).catch((err: unknown) =>
      deps.logger.warn('password_reset.request', { outcome: 'error', code: errorCode(err) }),
    );
    return c.body(null, 202);
  });

  app.openapi(confirm, async (c) => {
    const deps = c.get('deps');
    const userId = await useResetLink(deps, c.req.valid('json'));
    await auditAccount(deps.store, userId, 'password_reset.use');
    return c.body(null, 204);
  });
}
