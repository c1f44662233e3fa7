// A load balancer without call affinity, for the cluster tests: every HTTP request and every
// WebSocket upgrade goes to the next backend in turn (a fresh upstream connection each), or to
// the backend a test pins for the next one. It records where each went, so a test can show that
// a call's callbacks landed on processes or instances other than the one that owns the call.
// Loopback only; close() ends every connection.
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { requestHead } from '../../engine/src/cluster/call-ownership';

export interface Routed {
  readonly method: string;
  /** The path without the query (owner ids and tokens are not interesting here). */
  readonly path: string;
  readonly backend: number;
}

export interface RoundRobinProxy {
  readonly url: string;
  readonly routed: readonly Routed[];
  /** The next request or upgrade goes to this backend; the turn order goes on from there. */
  pinNext(backend: number): void;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backendPorts: readonly number[]): Promise<RoundRobinProxy> {
  let turn = 0;
  let pinned: number | undefined;
  const routed: Routed[] = [];
  const sockets = new Set<Socket | Duplex>();
  const next = (req: IncomingMessage) => {
    const backend = pinned ?? turn % backendPorts.length;
    pinned = undefined;
    turn = backend + 1;
    routed.push({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0], backend });
    return backendPorts[backend];
  };

  const server = createServer((req, res) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port: next(req),
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.headersSent || res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const upstream = connect(next(req), '127.0.0.1', () => {
      upstream.write(requestHead(req));
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => (sockets.delete(upstream), client.destroy()));
    client.on('close', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routed,
    pinNext: (backend) => void (pinned = backend),
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
