// Serving createApp() on Node: HTTP or built-in TLS, WebSocket upgrades through a `ws` server
// (so the Twilio media route and the test-call channel can use `upgradeWebSocket`), and a
// graceful drain: stop accepting, let open calls (WebSockets) finish up to a limit, then close.
import { serve, upgradeWebSocket, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Config } from '../config/config';

export { upgradeWebSocket };

export interface RunningServer {
  server: ServerType;
  port: number;
  /** Open WebSocket connections: each live call holds one. */
  activeCalls(): number;
  /** Stops accepting, waits up to graceMs for calls to end, then closes every connection. */
  drain(graceMs: number): Promise<{ leftOpen: number }>;
}

export function startServer(
  fetch: (req: Request, env: unknown) => Response | Promise<Response>,
  config: Pick<Config, 'port' | 'host' | 'tls'>,
): Promise<RunningServer> {
  const wss = new WebSocketServer({ noServer: true });
  const tls = config.tls
    ? {
        createServer: createHttpsServer,
        serverOptions: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
      }
    : {};
  return new Promise((resolve) => {
    const server = serve(
      { fetch, port: config.port, hostname: config.host, websocket: { server: wss }, ...tls },
      (info: AddressInfo) => {
        resolve({
          server,
          port: info.port,
          activeCalls: () => wss.clients.size,
          drain: (graceMs) => drain(server, wss, graceMs),
        });
      },
    );
  });
}

async function drain(
  server: ServerType,
  wss: WebSocketServer,
  graceMs: number,
): Promise<{ leftOpen: number }> {
  const closed = new Promise<void>((r) => server.close(() => r()));
  // Idle keep-alive connections would hold close() open; busy ones finish their request first.
  (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  const deadline = Date.now() + graceMs;
  while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const leftOpen = wss.clients.size;
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  await closed;
  return { leftOpen };
}
