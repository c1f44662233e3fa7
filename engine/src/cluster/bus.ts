// How the worker processes of one instance talk (CALLFLOW_WORKERS > 1): messages go over Node's
// IPC channel to the primary, which passes them on to the worker they are for (primary.ts).
// Three shapes: `ask` one sibling and await its answer (a forwarded Twilio callback, another
// process's volatile notes), `tell` all siblings (a published version to warm, a destroyed key),
// and `handOff` a client's socket to the sibling that owns its call (the kernel handle moves, so
// the audio never passes through two processes). With one process the bus has no siblings.
import type { Socket } from 'node:net';
import process from 'node:process';

export interface ClusterBus {
  /** This process's worker index (0 … size − 1). Worker 0 runs the instance's single-owner jobs. */
  readonly self: number;
  /** How many worker processes the instance runs. */
  readonly size: number;
  /** One sibling's answer; rejects when it does not answer in time, is gone, or its handler threw. */
  ask<T>(to: number, topic: string, payload: unknown, timeoutMs?: number): Promise<T>;
  /** The answers of every sibling that answered in time (a restarting sibling is left out). */
  askOthers<T>(topic: string, payload: unknown, timeoutMs?: number): Promise<T[]>;
  /** Fire and forget to every sibling. */
  tellOthers(topic: string, payload: unknown): void;
  /** Handles `ask` and `tell` for a topic (one handler per topic); an ask gets the returned value. */
  answer(topic: string, handler: (payload: unknown, from: number) => unknown): void;
  /** Moves a client socket to sibling `to`, with the bytes already read from it. */
  handOff(to: number, socket: Socket, head: Uint8Array): void;
  /** Where sockets handed to this process go (the HTTP server, which reads the request again). */
  onSocket(handler: (socket: Socket, head: Buffer) => void): void;
}

/** What travels between a worker and the primary (structured clone: Buffers survive). */
export type BusEnvelope =
  | { cf: 'bus'; to: number; from?: number; msg: BusMessage }
  | { cf: 'listening'; worker: number; port: number }
  | { cf: 'shutdown' }
  /** A socket's hand-off, step by step (see SocketHandOff in primary.ts). */
  | { cf: 'handoff'; step: 'release' | 'released' | 'ready' | 'go'; id: number };

export type BusMessage =
  | { kind: 'ask'; id: number; topic: string; payload: unknown }
  | { kind: 'reply'; id: number; ok: boolean; payload: unknown }
  | { kind: 'tell'; topic: string; payload: unknown }
  /** `id`: set by the primary, which says `go` once no other process can read the socket. */
  | { kind: 'socket'; head: Uint8Array; id?: number };

const DEFAULT_ASK_TIMEOUT_MS = 10_000;

/** The answers of the asks that succeeded (a sibling that fails or is silent is left out). */
export async function answered<T>(asks: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(asks);
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
}

/** The bus of a process without siblings: nobody to ask, nothing to hand off. */
export const soloBus: ClusterBus = {
  self: 0,
  size: 1,
  ask: () => Promise.reject(new Error('no sibling process')),
  askOthers: () => Promise.resolve([]),
  tellOthers: () => undefined,
  answer: () => undefined,
  handOff: (_to, socket) => void socket.destroy(),
  onSocket: () => undefined,
};

/** The bus of worker `self` of `size`, over this process's IPC channel (a cluster worker). */
export function workerBus(self: number, size: number): ClusterBus {
  const send = process.send?.bind(process);
  if (!send) throw new Error('a cluster worker needs an IPC channel');
  const handlers = new Map<string, (payload: unknown, from: number) => unknown>();
  const pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }
  >();
  let onSocket: ((socket: Socket, head: Buffer) => void) | undefined;
  /** Sockets handed here, waiting for the primary's `go`. */
  const arriving = new Map<number, { socket: Socket; head: Buffer }>();
  let nextId = 1;
  const post = (to: number, msg: BusMessage, handle?: Socket) =>
    send({ cf: 'bus', to, msg } satisfies BusEnvelope, handle, undefined, () => undefined);

  process.on('message', (envelope: BusEnvelope, handle?: Socket) => {
    if (envelope?.cf === 'handoff') {
      // `release`: by now this process has closed the socket it sent (Node closes it on the
      // primary's acknowledgement, which came first on this channel). `go`: serve an arrived one.
      if (envelope.step === 'release') send({ cf: 'handoff', step: 'released', id: envelope.id });
      if (envelope.step !== 'go') return;
      const socket = arriving.get(envelope.id);
      arriving.delete(envelope.id);
      if (socket && onSocket) onSocket(socket.socket, socket.head);
      else socket?.socket.destroy();
      return;
    }
    if (envelope?.cf !== 'bus') return;
    const { msg, from = -1 } = envelope;
    if (msg.kind === 'reply') {
      const waiter = pending.get(msg.id);
      if (!waiter) return; // answered after its timeout
      pending.delete(msg.id);
      clearTimeout(waiter.timer);
      if (msg.ok) waiter.resolve(msg.payload);
      else waiter.reject(new Error(typeof msg.payload === 'string' ? msg.payload : 'sibling failed'));
    } else if (msg.kind === 'socket') {
      if (!handle || !onSocket || msg.id === undefined) return void handle?.destroy();
      // Not served yet: the client answers our 101 at once, and until the primary says `go`
      // another process may still hold a reading copy of this socket that would swallow it.
      arriving.set(msg.id, { socket: handle, head: Buffer.from(msg.head) });
      send({ cf: 'handoff', step: 'ready', id: msg.id });
    } else {
      const handler = handlers.get(msg.topic);
      if (msg.kind === 'tell') {
        try {
          void Promise.resolve(handler?.(msg.payload, from)).catch(() => undefined);
        } catch {
          // a tell has nobody to report to; handlers log what matters themselves
        }
        return;
      }
      const id = msg.id;
      if (!handler)
        return post(from, { kind: 'reply', id, ok: false, payload: `no handler for ${msg.topic}` });
      Promise.resolve()
        .then(() => handler(msg.payload, from))
        .then(
          (payload) => post(from, { kind: 'reply', id, ok: true, payload }),
          (err: unknown) =>
            post(from, { kind: 'reply', id, ok: false, payload: err instanceof Error ? err.name : 'error' }),
        );
    }
  });

  const ask = <T>(to: number, topic: string, payload: unknown, timeoutMs = DEFAULT_ASK_TIMEOUT_MS) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`worker ${to} did not answer ${topic}`));
      }, timeoutMs);
      timer.unref();
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      post(to, { kind: 'ask', id, topic, payload });
    });
  const others = () => Array.from({ length: size }, (_, i) => i).filter((i) => i !== self);

  return {
    self,
    size,
    ask,
    askOthers: <T>(topic: string, payload: unknown, timeoutMs?: number) =>
      answered(others().map((to) => ask<T>(to, topic, payload, timeoutMs))),
    tellOthers: (topic, payload) => others().forEach((to) => post(to, { kind: 'tell', topic, payload })),
    answer: (topic, handler) => void handlers.set(topic, handler),
    handOff: (to, socket, head) => post(to, { kind: 'socket', head }, socket),
    onSocket: (handler) => void (onSocket = handler),
  };
}
