// Sibling worker processes in one test process: N ClusterBus ends wired to each other in memory,
// with what the real bus does that matters to callers — payloads are structured-cloned (class
// instances arrive as plain objects), delivery is asynchronous, an `ask` without a handler or
// whose handler throws rejects, and `askOthers` leaves out a sibling that does not answer. A
// sibling can be made silent (restarting) to test read paths that must not fail then.
import type { Socket } from 'node:net';
import type { ClusterBus } from '../../engine/src/cluster/bus';

type Handler = (payload: unknown, from: number) => unknown;

export interface BusGroup {
  readonly buses: ClusterBus[];
  /** From now on worker `index` neither answers nor hears tells (a restarting process). */
  silence(index: number): void;
}

export function busGroup(size: number, askTimeoutMs = 1_000): BusGroup {
  const handlers = Array.from({ length: size }, () => new Map<string, Handler>());
  const silent = new Set<number>();
  const later = () => new Promise<void>((resolve) => setImmediate(resolve));

  const deliver = async (to: number, topic: string, payload: unknown, from: number): Promise<unknown> => {
    await later();
    if (silent.has(to)) return new Promise(() => undefined); // never answers
    const handler = handlers[to].get(topic);
    if (!handler) throw new Error(`no handler for ${topic}`);
    return structuredClone(await handler(structuredClone(payload), from));
  };

  const busOf = (self: number): ClusterBus => {
    const others = () => Array.from({ length: size }, (_, i) => i).filter((i) => i !== self);
    const ask = <T>(to: number, topic: string, payload: unknown, timeoutMs = askTimeoutMs) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${to} did not answer ${topic}`)), timeoutMs);
        deliver(to, topic, payload, self).then(
          (v) => (clearTimeout(timer), resolve(v as T)),
          (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error('failed'))),
        );
      });
    return {
      self,
      size,
      ask,
      async askOthers<T>(topic: string, payload: unknown, timeoutMs?: number) {
        const settled = await Promise.allSettled(others().map((to) => ask<T>(to, topic, payload, timeoutMs)));
        return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      },
      tellOthers(topic, payload) {
        for (const to of others()) void deliver(to, topic, payload, self).catch(() => undefined);
      },
      answer(topic, handler) {
        handlers[self].set(topic, handler);
      },
      handOff(_to: number, socket: Socket) {
        socket.destroy();
      },
      onSocket: () => undefined,
    };
  };
  return { buses: Array.from({ length: size }, (_, i) => busOf(i)), silence: (i) => void silent.add(i) };
}
