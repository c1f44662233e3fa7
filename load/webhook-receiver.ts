// The business's webhook endpoint during a load or fault run, on 127.0.0.1: it answers 200,
// files each note once by its Idempotency-Key (like a careful receiver), counts redeliveries,
// and can go down for a while — refusing every connection (reset) or answering 503 — so the
// server's retry path is exercised. It keeps no body: only the key, a hash of the body (to
// prove a redelivery is the same note) and the payload's flowId/test flag. Nothing of the
// caller stays here, nothing is written to disk.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type OutageMode = 'reset' | 'status503';

export interface WebhookDelivery {
  /** The Idempotency-Key header (the note's txId). */
  readonly key: string;
  /** txId in the payload (must equal the key). */
  readonly txId: string | undefined;
  readonly flowId: string | undefined;
  readonly bodySha256: string;
  /** ms since the receiver started. */
  readonly atMs: number;
}

export interface WebhookReceiverStats {
  /** Accepted (2xx) requests, redeliveries included. */
  readonly accepted: number;
  /** Distinct idempotency keys accepted: notes filed. */
  readonly filed: number;
  /** Accepted requests whose key had been filed before. */
  readonly redeliveries: number;
  /** Connections reset or requests answered 503 while down. */
  readonly refused: number;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT/hook — give it to a flow's delivery.webhookUrl. */
  readonly url: string;
  /** Every accepted request, in order. */
  readonly deliveries: readonly WebhookDelivery[];
  /** First delivery per key (what a receiver files). */
  readonly filed: ReadonlyMap<string, WebhookDelivery>;
  /** Refuse everything until up() (`reset`: connections are destroyed; `status503`: 503 answers). */
  down(mode?: OutageMode): void;
  up(): void;
  readonly isDown: boolean;
  stats(): WebhookReceiverStats;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const started = performance.now();
  const deliveries: WebhookDelivery[] = [];
  const filed = new Map<string, WebhookDelivery>();
  const sockets = new Set<Socket>();
  let outage: OutageMode | null = null;
  let refused = 0;

  const server: Server = createServer((req, res) => {
    if (outage === 'reset') return refuse(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (outage === 'reset') return refuse(req.socket);
      if (outage === 'status503') {
        refused++;
        return void res.writeHead(503).end();
      }
      const delivery = describe(req, Buffer.concat(chunks), performance.now() - started);
      if (!delivery) return void res.writeHead(400).end();
      deliveries.push(delivery);
      if (!filed.has(delivery.key)) filed.set(delivery.key, delivery);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  const refuse = (socket: Socket) => {
    refused++;
    socket.destroy();
  };
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    // While down, even a fresh connection is cut before a byte is read (the sender sees a reset).
    if (outage === 'reset') refuse(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    filed,
    down(mode = 'reset') {
      outage = mode;
      // Kept-alive connections die too, so nothing slips through during the outage.
      if (mode === 'reset') for (const s of sockets) s.destroy();
    },
    up() {
      outage = null;
    },
    get isDown() {
      return outage !== null;
    },
    stats: () => ({
      accepted: deliveries.length,
      filed: filed.size,
      redeliveries: deliveries.length - filed.size,
      refused,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Key, hash and the payload's ids — never the record itself. */
function describe(req: IncomingMessage, body: Buffer, atMs: number): WebhookDelivery | undefined {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) return undefined;
  let payload: { txId?: unknown; flowId?: unknown } = {};
  try {
    payload = JSON.parse(body.toString('utf8')) as typeof payload;
  } catch {
    // Filed by key anyway; verify.ts reports the missing txId.
  }
  return {
    key,
    txId: typeof payload.txId === 'string' ? payload.txId : undefined,
    flowId: typeof payload.flowId === 'string' ? payload.flowId : undefined,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    atMs,
  };
}
