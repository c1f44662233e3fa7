// Messages sent on one WebSocket within one synchronous run leave in one system call: the
// connection is corked at the first send and uncorked once the run is over (a microtask). The
// pacer hands a buffering line five frames at once (audio/pacer.ts `burstMs`); without this, each
// would still be its own socket write, and a write per frame was the largest single cost of a
// busy server (BENCHMARKS.md, issue 25 profile).
import type { Writable } from 'node:stream';

const connections = new WeakMap<object, Writable>();

/** serve.ts: remembers the connection under each accepted WebSocket. */
export function rememberConnection(socket: object, connection: Writable): void {
  connections.set(socket, connection);
}

/**
 * `send`, coalesced per run on the connection under `socket` (a `ws` WebSocket accepted by
 * serve.ts); `send` itself when that connection is unknown.
 */
export function coalescedSender<T>(socket: unknown, send: (message: T) => void): (message: T) => void {
  const connection = typeof socket === 'object' && socket !== null ? connections.get(socket) : undefined;
  return connection ? coalesced(connection, send) : send;
}

/** `send`, with everything it writes to `connection` within one run leaving as one write. */
export function coalesced<T>(connection: Writable, send: (message: T) => void): (message: T) => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    connection.uncork();
  };
  return (message) => {
    if (!corked) {
      corked = true;
      connection.cork();
      queueMicrotask(uncork);
    }
    send(message);
  };
}
