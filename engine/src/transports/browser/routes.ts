// The test-call socket route, wiring only. It lives under /api, so the upgrade needs a session
// (401 without one), and it is refused (403) unless the page that opens it is ours: a WebSocket
// carries the session cookie from any site, so the Origin is what tells our designer from
// someone else's page (cross-site WebSocket hijacking). The ticket — single use, of the same
// organisation as the session — and the limits are checked on the first message
// (test-call-socket.ts), before any provider session.
import type { Context, Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { AppEnv } from '../../http/context';
import type { Logger } from '../../log/index';
import type { PhoneRuntime } from '../../phone/phone-runtime';
import { testCallSocket, type TestCallSocketDeps } from './test-call-socket';

export const TEST_CALL_SOCKET_PATH = '/api/voice-test/socket';

export interface BrowserRouteDeps extends TestCallSocketDeps {
  readonly logger: Logger;
  readonly config: { readonly publicBaseUrl: string };
  readonly phone?: PhoneRuntime;
  readonly upgradeWebSocket?: UpgradeWebSocket;
}

export function browserRoutes(app: Hono<AppEnv>, deps: BrowserRouteDeps): void {
  const { phone, upgradeWebSocket } = deps;
  if (!upgradeWebSocket) return;
  app.get(
    TEST_CALL_SOCKET_PATH,
    async (c, next) => {
      if (!phone) return c.text('voice test calls are not configured', 503);
      if (!c.get('principal')) return c.text('forbidden', 403); // an operator outside the organisation
      if (!sameOrigin(c, deps.config.publicBaseUrl)) {
        deps.logger.warn('voicetest.socket', { outcome: 'rejected', reason: 'foreign_origin' });
        return c.text('forbidden', 403);
      }
      return next();
    },
    upgradeWebSocket((c) => testCallSocket(deps, phone!, c.get('principal')!.tenantId)),
  );
}

/**
 * The Origin is the server's public origin, or the origin the request was addressed to (a
 * deployment reached by another name, or a test server on a free port). No Origin: refused —
 * every browser sends one with a WebSocket upgrade.
 */
export function sameOrigin(c: Context, publicBaseUrl: string): boolean {
  const origin = c.req.header('origin');
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === new URL(publicBaseUrl).origin) return true;
  const host = c.req.header('host');
  return host !== undefined && url.host === host && (url.protocol === 'http:' || url.protocol === 'https:');
}
