// Between instances (several servers sharing PostgreSQL): a Twilio callback or media socket that
// lands on an instance that does not own the call is passed to the owner over the internal hop —
// HTTPS with the instances' own CA (CALLFLOW_INTERNAL_TLS_*), every request authenticated with
// a short-lived HMAC under a key derived from the master key all instances share. The owner's
// worker k listens on the internal URL's port + k and serves the same app there, but only to
// requests that carry a valid hop signature. Nothing is stored on the way: a callback is relayed
// as one request, a media socket message by message.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import type { InternalHopConfig } from '../config/config';
import { startServer, type RunningServer } from '../http/serve';
import type { InstanceHop } from './call-ownership';
import type { Owner } from './owner';

export const HOP_HEADER = 'x-callflow-hop';
/** A hop signature is accepted this long either side of the receiver's clock. */
const HOP_WINDOW_MS = 60_000;
/** Headers that describe the first connection, not the request. */
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', HOP_HEADER]);

export interface InternalHop extends InstanceHop {
  /** Serves `fetch` to authenticated hops on this worker's internal port. */
  listen(fetch: (req: Request, env: unknown) => Response | Promise<Response>, host: string): Promise<number>;
  close(): Promise<void>;
}

export function hopKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'callflow/hkdf/v1', 'callflow/internal-hop/v1', 32));
}

const mac = (key: Buffer, at: number, method: string, path: string) =>
  createHmac('sha256', key).update(`v1\n${at}\n${method}\n${path}`).digest();

export function signHop(key: Buffer, method: string, path: string, now: number): string {
  return `v1.${now}.${mac(key, now, method, path).toString('base64url')}`;
}

export function verifyHop(
  key: Buffer,
  header: string | undefined,
  method: string,
  path: string,
  now: number,
): boolean {
  const [version, at, given] = (header ?? '').split('.');
  const time = Number(at);
  if (version !== 'v1' || !Number.isSafeInteger(time) || Math.abs(now - time) > HOP_WINDOW_MS || !given)
    return false;
  const expected = mac(key, time, method, path);
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The owner's internal address: its instance's URL, port + worker. */
function ownerUrl(owner: Owner, path: string, scheme: 'https' | 'wss'): URL {
  const url = new URL(path, owner.instance);
  url.port = String(Number(url.port) + owner.worker);
  url.protocol = `${scheme}:`;
  return url;
}

/** WebSocket close codes that may be sent on (1005/1006 only describe what was received). */
const sendable = (code: number) =>
  code === 1000 ||
  (code >= 3000 && code < 5000) ||
  (code >= 1001 && code <= 1014 && code !== 1005 && code !== 1006)
    ? code
    : 1000;

export function createInternalHop(config: InternalHopConfig, masterKey: Buffer, worker: number): InternalHop {
  const key = hopKey(masterKey);
  const ca = readFileSync(config.caFile);
  const agent = new Agent({ ca, keepAlive: true });
  const relayServer = new WebSocketServer({ noServer: true });
  let running: RunningServer | undefined;

  return {
    forward(owner, request) {
      const { pathname, search } = new URL(request.url);
      const target = ownerUrl(owner, pathname + search, 'https');
      const path = target.pathname + target.search;
      return new Promise<Response>((resolve, reject) => {
        void request.arrayBuffer().then((body) => {
          const headers: Record<string, string> = {};
          request.headers.forEach((value, name) => {
            if (!HOP_BY_HOP.has(name)) headers[name] = value;
          });
          headers[HOP_HEADER] = signHop(key, request.method, path, Date.now());
          const req = httpsRequest(
            { agent, host: target.hostname, port: target.port, method: request.method, path, headers },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => {
                const status = res.statusCode ?? 502;
                const out = new Headers();
                for (const [name, value] of Object.entries(res.headers))
                  if (!HOP_BY_HOP.has(name) && typeof value === 'string') out.set(name, value);
                resolve(
                  new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), {
                    status,
                    headers: out,
                  }),
                );
              });
              res.on('error', reject);
            },
          );
          req.on('error', reject);
          req.end(body.byteLength > 0 ? Buffer.from(body) : undefined);
        }, reject);
      });
    },

    relayUpgrade(owner, req, socket: Duplex, head) {
      const target = ownerUrl(owner, req.url ?? '/', 'wss');
      const path = target.pathname + target.search;
      // The owner checks what the client sent (a test call: its session cookie and Origin).
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && !HOP_BY_HOP.has(name) && !name.startsWith('sec-websocket-'))
          headers[name] = value;
      headers[HOP_HEADER] = signHop(key, 'GET', path, Date.now());
      const upstream = new WebSocket(target, { ca, headers });
      const refuse = () => {
        if (!socket.destroyed)
          socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      };
      upstream.once('unexpected-response', () => (upstream.terminate(), refuse()));
      upstream.once('error', refuse);
      upstream.once('open', () => {
        relayServer.handleUpgrade(req as IncomingMessage, socket, head, (client) => {
          client.on('message', (data, binary) => upstream.send(data, { binary }));
          upstream.on('message', (data, binary) => client.send(data, { binary }));
          client.on('close', (code, reason) => upstream.close(sendable(code), reason));
          upstream.on('close', (code, reason) => client.close(sendable(code), reason));
          client.on('error', () => upstream.terminate());
          upstream.on('error', () => client.terminate());
        });
      });
    },

    async listen(fetch, host) {
      const authenticated = (req: Request, env: unknown) => {
        const url = new URL(req.url);
        return verifyHop(
          key,
          req.headers.get(HOP_HEADER) ?? undefined,
          req.method,
          url.pathname + url.search,
          Date.now(),
        )
          ? fetch(req, env)
          : new Response(null, { status: 403 });
      };
      running = await startServer(
        authenticated,
        { port: config.port + worker, host, tls: { certFile: config.certFile, keyFile: config.keyFile } },
        { exclusive: true },
      );
      return running.port;
    },

    async close() {
      agent.destroy();
      relayServer.close();
      await running?.drain(0);
    },
  };
}
