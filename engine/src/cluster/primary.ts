// The primary process of CALLFLOW_WORKERS > 1: it serves nothing itself. It starts worker 0
// first — the elected worker, which migrates the database, seeds a first start, finishes
// interrupted deletions and runs the instance's single-owner jobs — and the other workers once
// worker 0 listens; passes bus messages and handed-off sockets between workers (bus.ts); replaces
// a worker that dies; and on SIGTERM/SIGINT lets every worker drain its calls before it exits.
// Node's cluster shares the public port: the primary accepts and deals connections round-robin.
import cluster, { type Worker } from 'node:cluster';
import type { Socket } from 'node:net';
import process from 'node:process';
import type { Logger } from '../log/index';
import type { BusEnvelope } from './bus';

export interface PrimaryOptions {
  workers: number;
  logger: Logger;
  /** A worker that died is started again after this long (a crash loop must not spin). */
  restartDelayMs?: number;
}

export function runPrimary(opts: PrimaryOptions): void {
  const { workers, logger } = opts;
  const byIndex = new Map<number, Worker>();
  const handOffs = new SocketHandOffs((index, envelope) => {
    const worker = byIndex.get(index);
    if (worker?.isConnected()) worker.send(envelope);
  });
  let stopping = false;
  cluster.setupPrimary({ serialization: 'advanced' });

  const relay = (from: number, envelope: BusEnvelope, handle?: Socket) => {
    if (envelope.cf !== 'bus') return;
    const target = byIndex.get(envelope.to);
    if (target?.isConnected()) {
      const msg =
        envelope.msg.kind === 'socket'
          ? { ...envelope.msg, id: handOffs.begin(from, envelope.to) }
          : envelope.msg;
      // Once passed on, the socket here is only a husk; closing it tells the sending worker's
      // server that the connection left it (else that server's close() would wait for it forever).
      target.send({ ...envelope, msg, from } satisfies BusEnvelope, handle, () => handle?.destroy());
      return;
    }
    // The sibling is gone (restarting): an ask fails at once instead of timing out, a socket closes.
    handle?.destroy();
    const msg = envelope.msg;
    if (msg.kind === 'ask')
      byIndex.get(from)?.send({
        cf: 'bus',
        to: from,
        from: envelope.to,
        msg: { kind: 'reply', id: msg.id, ok: false, payload: 'sibling gone' },
      } satisfies BusEnvelope);
  };

  const start = (index: number) =>
    new Promise<void>((listening) => {
      const worker = cluster.fork({
        CALLFLOW_WORKER_INDEX: String(index),
        CALLFLOW_WORKERS: String(workers),
      });
      byIndex.set(index, worker);
      worker.on('message', (envelope: BusEnvelope, handle?: Socket) => {
        if (envelope?.cf === 'listening') listening();
        else if (envelope?.cf === 'bus') relay(index, envelope, handle);
        else if (envelope?.cf === 'handoff') handOffs.step(index, envelope.step, envelope.id);
      });
      worker.on('exit', (code, signal) => {
        if (byIndex.get(index) === worker) byIndex.delete(index);
        handOffs.gone(index);
        listening(); // a worker that dies while starting must not hold up the others
        if (stopping) return;
        logger.error('cluster.worker', {
          outcome: 'error',
          code: signal ? `signal_${signal.toLowerCase()}` : `exit_${code ?? 'unknown'}`,
          worker: index,
        });
        setTimeout(() => void start(index), opts.restartDelayMs ?? 1000).unref();
      });
    });

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('cluster.shutdown', {
      outcome: 'started',
      reason: signal.toLowerCase(),
      count: byIndex.size,
    });
    for (const worker of byIndex.values())
      if (worker.isConnected()) worker.send({ cf: 'shutdown' } satisfies BusEnvelope);
    const exited = () => {
      if (Object.keys(cluster.workers ?? {}).length > 0) return;
      logger.info('cluster.shutdown', { outcome: 'stopped' });
      process.exit(0);
    };
    cluster.on('exit', exited);
    exited();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  void (async () => {
    await start(0);
    await Promise.all(Array.from({ length: workers - 1 }, (_, i) => start(i + 1)));
    if (!stopping) logger.info('cluster.ready', { outcome: 'started', count: byIndex.size });
  })();
}

/**
 * A socket moving from worker A to worker B passes through three processes, and Node keeps the
 * sender's copy open (and reading, into nothing) until the receiver acknowledges it. The client
 * speaks as soon as B answers its upgrade, so B must not answer before A's and the primary's
 * copies are closed, or the client's first message (Twilio's `start`) is lost. B reports `ready`
 * after its acknowledgement to the primary has gone out (so the primary's copy is closed when it
 * reads `ready`); A is asked to `release` and answers after the primary's acknowledgement (so its
 * copy is closed); then B gets `go`.
 */
class SocketHandOffs {
  private readonly open = new Map<number, { from: number; to: number; released: boolean; ready: boolean }>();
  private nextId = 1;

  constructor(private readonly send: (worker: number, envelope: BusEnvelope) => void) {}

  begin(from: number, to: number): number {
    const id = this.nextId++;
    this.open.set(id, { from, to, released: false, ready: false });
    this.send(from, { cf: 'handoff', step: 'release', id });
    return id;
  }

  step(worker: number, step: 'release' | 'released' | 'ready' | 'go', id: number): void {
    const entry = this.open.get(id);
    if (!entry) return;
    if (step === 'released' && worker === entry.from) entry.released = true;
    if (step === 'ready' && worker === entry.to) entry.ready = true;
    this.goIfDone(id);
  }

  /** A worker that died holds no copy any more; one that was to receive a socket never will. */
  gone(worker: number): void {
    for (const [id, entry] of this.open) {
      if (entry.to === worker) this.open.delete(id);
      else if (entry.from === worker) {
        entry.released = true;
        this.goIfDone(id);
      }
    }
  }

  private goIfDone(id: number): void {
    const entry = this.open.get(id);
    if (!entry?.released || !entry.ready) return;
    this.open.delete(id);
    this.send(entry.to, { cf: 'handoff', step: 'go', id });
  }
}
