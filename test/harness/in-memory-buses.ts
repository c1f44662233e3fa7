// The ClusterBus of `n` worker processes, inside one test process: what each worker would get
// from workerBus(), delivered through microtasks instead of IPC. Payloads are structured-cloned
// both ways, as over the real channel, so a test cannot lean on shared objects. `silence(k)`
// makes worker k stop answering (a sibling that is restarting): asks to it time out.
// (Main has the same in test/harness/bus-group.ts; this branch predates it — one can replace the other.)
import type { Socket } from 'node:net';
import type { ClusterBus } from '../../engine/src/cluster/bus';

type Handler = (payload: unknown, from: number) => unknown;

export interface InMemoryBuses {
  readonly buses: ClusterBus[];
  /** Worker k no longer answers asks or hears tells. */
  silence(k: number): void;
}

export function inMemoryBuses(n: number): InMemoryBuses {
  const handlers = Array.from({ length: n }, () => new Map<string, Handler>());
  const silent = new Set<number>();
  const deliver = async (to: number, from: number, topic: string, payload: unknown) => {
    await Promise.resolve();
    const handler = handlers[to].get(topic);
    if (!handler) throw new Error(`no handler for ${topic}`);
    return structuredClone(await handler(structuredClone(payload), from));
  };
  const busOf = (self: number): ClusterBus => {
    const ask = <T>(to: number, topic: string, payload: unknown, timeoutMs = 10_000) =>
      silent.has(to)
        ? new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())
        : (deliver(to, self, topic, payload) as Promise<T>);
    const others = () => Array.from({ length: n }, (_, i) => i).filter((i) => i !== self);
    return {
      self,
      size: n,
      ask,
      async askOthers<T>(topic: string, payload: unknown, timeoutMs?: number) {
        const settled = await Promise.allSettled(others().map((to) => ask<T>(to, topic, payload, timeoutMs)));
        return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      },
      tellOthers: (topic, payload) =>
        others()
          .filter((to) => !silent.has(to))
          .forEach((to) => void deliver(to, self, topic, payload).catch(() => undefined)),
      answer: (topic, handler) => void handlers[self].set(topic, handler),
      handOff: (_to, socket: Socket) => void socket.destroy(),
      onSocket: () => undefined,
    };
  };
  return { buses: Array.from({ length: n }, (_, i) => busOf(i)), silence: (k) => void silent.add(k) };
}
