// createApp(deps): the whole HTTP surface as a Hono app, without listen(), so tests drive it
// with app.request() and main.ts serves it. Middleware order matters:
//   security headers → request log → body limit → authenticate → require auth (/api) →
//   per-route resource resolvers (404 for foreign ids) → validators → handlers.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { operator, type AppEnv } from './context';
import type { AppDeps } from './deps';
import { ApiError, errorBody, forbidden, handleError } from './errors';
import { authenticate, requireAuth } from './middleware/authenticate';
import { requestLog } from './middleware/request-log';
import { twoFactorGate } from './middleware/two-factor-gate';
import { ACCOUNT_PREFIX } from './two-factor-policy';
import { securityHeaders } from './middleware/security-headers';
import { createAnalytics } from '../analytics/service';
import { shareAcrossWorkers } from '../cluster/shared-state';
import { metricsRoute } from '../metrics/route';
import { adminNumberRoutes } from './routes/admin/numbers';
import { adminOrganisationRoutes } from './routes/admin/organisations';
import { adminTokenRoutes } from './routes/admin/tokens';
import { accountRoutes } from './routes/account';
import { analyticsRoutes } from './routes/analytics';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { callRoutes } from './routes/calls';
import { inboxRoutes } from './routes/inbox';
import { checkpointRoutes, RECEIPT_KEYS_PATH } from './routes/checkpoints';
import { flowRoutes } from './routes/flows';
import { healthRoutes } from './routes/health';
import { ACCEPT_INVITATION_PATH, invitationRoutes } from './routes/invitations';
import { memberRoutes } from './routes/members';
import { notificationRoutes } from './routes/notifications';
import { numberRoutes } from './routes/numbers';
import {
  PASSWORD_RESET_CONFIRM_PATH,
  PASSWORD_RESET_PATH,
  passwordResetRoutes,
} from './routes/password-reset';
import { privacyRoutes } from './routes/privacy';
import { receiptRoutes } from './routes/receipts';
import { simulateRoutes } from './routes/simulate';
import { subjectRoutes } from './routes/subjects';
import { targetRoutes } from './routes/targets';
import { templateRoutes } from './routes/templates';
import { testCallRoutes } from './routes/test-calls';
import { tokenRoutes } from './routes/tokens';
import { validateRoutes } from './routes/validate';
import { versionRoutes } from './routes/versions';
import { voiceRoutes } from './routes/voices';
import { designerRoutes, docsRoutes } from './static-files';
import { twilioRoutes } from '../transports/twilio/routes';
import { browserRoutes } from '../transports/browser/routes';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reachable without logging in. */
export const PUBLIC_API_PATHS: ReadonlySet<string> = new Set([
  '/api/auth/login',
  '/api/openapi.json',
  RECEIPT_KEYS_PATH,
  ACCEPT_INVITATION_PATH,
  PASSWORD_RESET_PATH,
  PASSWORD_RESET_CONFIRM_PATH,
]);

/** What an operator outside every organisation may call besides /api/admin/… and its own /api/account/…. */
const OPERATOR_OWN_PATHS: ReadonlySet<string> = new Set([...PUBLIC_API_PATHS, '/api/me', '/api/auth/logout']);

export type App = OpenAPIHono<AppEnv>;

export function createApp(given: AppDeps): App {
  const local = {
    ...given,
    analytics: given.analytics ?? createAnalytics({ stored: given.store.analytics, now: given.now }),
  };
  // Several worker processes: metrics, analytics, prompt caches and tenant keys span them all.
  const deps: AppDeps = given.bus ? shareAcrossWorkers(given.bus, local) : local;
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
        throw new ApiError(400, 'invalid_request', 'The request is not valid / Die Anfrage ist ungültig', {
          issues,
        });
      }
    },
  });
  app.onError(handleError(deps.logger));
  app.notFound((c) => c.json(errorBody('not_found', 'Not found / Nicht gefunden'), 404));

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    return next();
  });
  app.use('*', securityHeaders(deps.config.publicBaseUrl));
  app.use('*', requestLog());
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(errorBody('payload_too_large', 'Request body over 1 MB / Anfrage größer als 1 MB'), 413),
    }),
  );
  app.use('/api/*', authenticate());
  app.use('/api/*', requireAuth(PUBLIC_API_PATHS));
  // Administration is the operator's alone: 403 for everyone else before any id or body is read.
  app.use('/api/admin/*', async (c, next) => {
    operator(c);
    return next();
  });
  // …and an operator outside every organisation reaches no organisation route (403 likewise).
  app.use('/api/*', async (c, next) => {
    const path = c.req.path;
    const own =
      OPERATOR_OWN_PATHS.has(path) || path.startsWith('/api/admin/') || path.startsWith(ACCOUNT_PREFIX);
    if (!own && !c.get('principal') && c.get('operator')) throw forbidden();
    return next();
  });
  // Where two-factor login is required, a session that has not enrolled reaches only its account.
  app.use('/api/*', twoFactorGate(PUBLIC_API_PATHS));

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'callflow_session',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  healthRoutes(app);
  authRoutes(app);
  flowRoutes(app);
  versionRoutes(app);
  numberRoutes(app);
  tokenRoutes(app);
  targetRoutes(app);
  validateRoutes(app);
  auditRoutes(app);
  templateRoutes(app);
  callRoutes(app);
  inboxRoutes(app);
  subjectRoutes(app);
  receiptRoutes(app);
  checkpointRoutes(app);
  privacyRoutes(app);
  simulateRoutes(app);
  voiceRoutes(app);
  testCallRoutes(app);
  analyticsRoutes(app);
  invitationRoutes(app);
  passwordResetRoutes(app);
  memberRoutes(app);
  accountRoutes(app);
  notificationRoutes(app);
  adminOrganisationRoutes(app);
  adminNumberRoutes(app);
  adminTokenRoutes(app);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Callflow API',
      version: '1',
      description:
        'Flows, versions, phone numbers, tokens and audit events of one organisation; ' +
        'under /api/admin the operator administers organisations and their phone numbers. ' +
        'Authenticate with the session cookie (plus X-CSRF-Token on writes) or `Authorization: Bearer cf_…`.',
    },
  });
  // Outside /api: no session; protected by its own token or loopback rule (metrics/route.ts).
  if (deps.metrics) metricsRoute(app, deps.metrics);
  twilioRoutes(app, deps);
  browserRoutes(app, deps);
  docsRoutes(app);
  designerRoutes(app, deps.config.designerDir);
  return app;
}
