// Serving createApp() on Node: HTTP or built-in TLS, WebSocket upgrades through a `ws` server
// (so the Twilio media route and the test-call channel can use `upgradeWebSocket`), and a
// graceful drain: stop accepting, let open calls (WebSockets) finish up to a limit, then close.
// With several worker processes (cluster/), an upgrade whose call lives in another process is
// passed there before Hono sees it, and sockets passed here are read as if accepted here.
import { createAdaptorServer, upgradeWebSocket, type ServerType } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Config } from '../config/config';
import { rememberConnection } from './coalesced-writes';

export { upgradeWebSocket };

export interface RunningServer {
  server: ServerType;
  port: number;
  /** Open WebSocket connections: each live call holds one. */
  activeCalls(): number;
  /** Stops accepting, waits up to graceMs for calls to end, then closes every connection. */
  drain(graceMs: number): Promise<{ leftOpen: number }>;
  /** Serves a connection accepted elsewhere, whose first bytes (`head`) were already read there. */
  adopt(socket: Socket, head: Buffer): void;
}

export interface ServeOptions {
  /** Listen on this port alone (not the cluster's shared one): one port per worker process. */
  exclusive?: boolean;
  /**
   * Called for every upgrade before Hono: true = the connection was taken elsewhere (handed to the
   * process that owns its call), so Hono must not answer it.
   */
  takeUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
}

export function startServer(
  fetch: (req: Request, env: unknown) => Response | Promise<Response>,
  config: Pick<Config, 'port' | 'host' | 'tls'>,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const wss = new WebSocketServer({ noServer: true });
  // Registered before Hono's own listener: the connection is known by the time a route opens.
  wss.on('connection', (ws, req: IncomingMessage) => rememberConnection(ws, req.socket));
  const tls = config.tls
    ? {
        createServer: createHttpsServer,
        serverOptions: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
      }
    : {};
  const server = createAdaptorServer({ fetch, hostname: config.host, websocket: { server: wss }, ...tls });
  if (options.takeUpgrade) {
    const take = options.takeUpgrade;
    const honoUpgrade = server.listeners('upgrade');
    server.removeAllListeners('upgrade');
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (take(req, socket, head)) return;
      for (const listener of honoUpgrade)
        (listener as (...a: unknown[]) => void).call(server, req, socket, head);
    });
  }
  return new Promise((resolve) => {
    server.listen({ port: config.port, host: config.host, exclusive: options.exclusive ?? false }, () => {
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        activeCalls: () => wss.clients.size,
        drain: (graceMs) => drain(server, wss, graceMs),
        adopt: (socket, head) => {
          // The HTTP parser reads the request again from the start: the bytes read elsewhere first.
          server.emit('connection', socket);
          socket.unshift(head);
          socket.resume();
        },
      });
    });
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
