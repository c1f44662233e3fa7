// Where a call's Twilio callbacks are answered. The process that answers `/twilio/voice` owns
// the call and names itself (a sealed owner id, owner.ts) in every URL it gives Twilio: the
// media stream's path, the connect/dial action, the whisper and the status callback. A callback
// or media socket that lands on another process is passed to the owner — a sibling process on
// this machine over IPC (the request as a message, a socket as its kernel handle), another
// instance over the internal hop (internal-hop.ts) — so no load balancer needs call affinity.
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ClusterBus } from './bus';
import { openOwner, sealOwner, type Owner } from './owner';

export type OwnerLocation = 'here' | 'elsewhere' | 'invalid';

export interface CallOwnership {
  /** This process's sealed owner id, for the URLs Twilio calls back. */
  readonly ownerId: string;
  /**
   * `here`: this process owns the call (or the URL names no owner: a callback configured on the
   * number, or a call begun before an upgrade); `elsewhere`: forward it; `invalid`: forged, or
   * sealed under another key, or a worker this instance does not run.
   */
  locate(id: string | undefined): OwnerLocation;
  /** The owner's answer to a callback that landed here (call only for `elsewhere`). */
  forward(id: string, request: Request): Promise<Response>;
  /**
   * A new call (`/twilio/voice`) that landed here: the sibling that should own it, in turn, or
   * undefined = this process. Connections are dealt to processes, not requests: a caller (or
   * Twilio) that keeps one connection open would otherwise make one process own every call.
   */
  ownerForNewCall(request: Request): number | undefined;
  /** The answer of sibling `worker` to a request (a new call placed there). */
  forwardToWorker(worker: number, request: Request): Promise<Response>;
  /**
   * An upgrade whose owner (sealed `id`) lives elsewhere is passed there: a sibling gets the
   * socket's kernel handle, another instance a relay over the hop. False = serve it here (the
   * owner is this process, or the id is invalid and the route refuses it).
   */
  passUpgrade(id: string | undefined, req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** For the server's upgrades: a media socket whose call lives elsewhere is passed on (true). */
  takeUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

/** Reaching another instance: the internal, authenticated and TLS-protected hop. */
export interface InstanceHop {
  forward(owner: Owner, request: Request): Promise<Response>;
  relayUpgrade(owner: Owner, req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** A request as it travels over IPC to its owner, and the owner's response back. */
export interface ForwardedRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer> | null;
}
export interface ForwardedResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

/** The bus topic on which an owner answers callbacks forwarded by its siblings. */
export const FORWARDED_CALLBACK = 'twilio-callback';
/**
 * Marks a request a sibling passed on, so a new call is not passed on again. A client that sets
 * it only keeps its call in the process it reached.
 */
export const PASSED_ON_HEADER = 'x-callflow-passed-on';
/** Media sockets carry their owner as the last path segment (Twilio allows no query there). */
const MEDIA_PATH = /^\/twilio\/media\/([A-Za-z0-9._-]+)$/;

export interface CallOwnershipOptions {
  key: Buffer;
  /** CALLFLOW_INTERNAL_URL of this instance ('' = a single instance). */
  instance: string;
  bus: ClusterBus;
  hop?: InstanceHop;
}

export function createCallOwnership(opts: CallOwnershipOptions): CallOwnership {
  const { key, instance, bus, hop } = opts;
  const ownerId = sealOwner(key, { instance, worker: bus.self });
  let turn = bus.self;
  const forwardToWorker = async (worker: number, request: Request) =>
    fromForwarded(await bus.ask<ForwardedResponse>(worker, FORWARDED_CALLBACK, await toForwarded(request)));
  const where = (id: string | undefined): { location: OwnerLocation; owner?: Owner } => {
    if (id === undefined) return { location: 'here' };
    const owner = openOwner(key, id);
    if (!owner) return { location: 'invalid' };
    if (owner.instance !== instance)
      return hop && owner.instance ? { location: 'elsewhere', owner } : { location: 'invalid' };
    if (owner.worker === bus.self) return { location: 'here', owner };
    return owner.worker < bus.size ? { location: 'elsewhere', owner } : { location: 'invalid' };
  };
  return {
    ownerId,
    locate: (id) => where(id).location,
    async forward(id, request) {
      const { owner } = where(id);
      if (!owner) return new Response(null, { status: 403 });
      if (owner.instance !== instance) return hop!.forward(owner, request);
      return forwardToWorker(owner.worker, request);
    },
    ownerForNewCall(request) {
      if (bus.size === 1 || request.headers.has(PASSED_ON_HEADER)) return undefined;
      turn = (turn + 1) % bus.size;
      return turn === bus.self ? undefined : turn;
    },
    forwardToWorker,
    passUpgrade,
    takeUpgrade(req, socket, head) {
      const match = MEDIA_PATH.exec((req.url ?? '').split('?')[0]);
      return match ? passUpgrade(match[1], req, socket, head) : false;
    },
  };

  function passUpgrade(id: string | undefined, req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const { location, owner } = where(id);
    if (location !== 'elsewhere' || !owner) return false; // here, or refused by the route itself
    if (owner.instance !== instance) {
      hop!.relayUpgrade(owner, req, socket, head);
      return true;
    }
    // Only a plain TCP socket can move between processes (built-in TLS runs one process).
    if (!(socket instanceof Socket) || 'encrypted' in socket) return false;
    const buffered = socket.read() as Buffer | null;
    bus.handOff(owner.worker, socket, Buffer.concat([requestHead(req), head, buffered ?? Buffer.alloc(0)]));
    return true;
  }
}

/** The request line and headers exactly as the client sent them, for the owner's HTTP parser. */
export function requestHead(req: IncomingMessage): Buffer {
  let text = `${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}\r\n`;
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    text += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
  return Buffer.from(`${text}\r\n`, 'latin1');
}

export async function toForwarded(request: Request): Promise<ForwardedRequest> {
  const body =
    request.method === 'GET' || request.method === 'HEAD'
      ? null
      : new Uint8Array(await request.arrayBuffer());
  return { method: request.method, url: request.url, headers: [...request.headers], body };
}

export function fromForwarded(answer: ForwardedResponse): Response {
  const nullBody = answer.status === 204 || answer.status === 304;
  return new Response(nullBody ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/** The owner's side: the forwarded request served by this process's app, the answer sent back. */
export async function serveForwarded(
  fetch: (req: Request) => Response | Promise<Response>,
  forwarded: ForwardedRequest,
): Promise<ForwardedResponse> {
  const response = await fetch(
    new Request(forwarded.url, {
      method: forwarded.method,
      headers: [...forwarded.headers, [PASSED_ON_HEADER, '1']],
      ...(forwarded.body ? { body: forwarded.body } : {}),
    }),
  );
  return {
    status: response.status,
    headers: [...response.headers],
    body: new Uint8Array(await response.arrayBuffer()),
  };
}
