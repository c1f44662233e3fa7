import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesced, coalescedSender } from './coalesced-writes';

/** A connection that records each write it is asked to make (one entry per system call). */
function recordingConnection() {
  const writes: string[][] = [];
  const connection = new Writable({
    writev(chunks, done) {
      writes.push(chunks.map((c) => String(c.chunk)));
      done();
    },
    write(chunk, _encoding, done) {
      writes.push([String(chunk)]);
      done();
    },
  });
  return { connection, writes };
}

const nextRun = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('coalesced writes', () => {
  const open: Socket[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.destroy();
  });

  it('sends of one run leave as one write, in order, and the next run writes again', async () => {
    const { connection, writes } = recordingConnection();
    const send = coalesced(connection, (text: string) => connection.write(text));
    for (const frame of ['f1', 'f2', 'f3', 'f4', 'f5']) send(frame);
    expect(writes).toEqual([]); // nothing leaves before the run is over
    await nextRun();
    expect(writes).toEqual([['f1', 'f2', 'f3', 'f4', 'f5']]);
    send('mark');
    await nextRun();
    expect(writes).toEqual([['f1', 'f2', 'f3', 'f4', 'f5'], ['mark']]);
    expect(connection.writableCorked).toBe(0);
  });

  it('a socket whose connection serve.ts did not see is sent to as it is', () => {
    const sent: string[] = [];
    const send = (text: string) => sent.push(text);
    expect(coalescedSender({}, send)).toBe(send);
    expect(coalescedSender(undefined, send)).toBe(send);
  });

  it('over a real socket: a burst arrives whole, byte for byte', async () => {
    const server = createServer((s) => open.push(s));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const accepted = once(server, 'connection');
    const client = connect(port, '127.0.0.1');
    open.push(client);
    const [peer] = (await accepted) as [Socket];
    const received: Buffer[] = [];
    peer.on('data', (d: Buffer) => received.push(d));
    const send = coalesced(client, (text: string) => client.write(text));
    const burst = Array.from({ length: 5 }, (_, i) => `{"frame":${i}}`);
    for (const m of burst) send(m);
    await new Promise<void>((resolve) => {
      const check = () => (Buffer.concat(received).length >= burst.join('').length ? resolve() : undefined);
      peer.on('data', check);
      check();
    });
    expect(Buffer.concat(received).toString()).toBe(burst.join(''));
    server.close();
  });
});
