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
  let stopping = false;
  cluster.setupPrimary({ serialization: 'advanced' });

  const relay = (from: number, envelope: BusEnvelope, handle?: Socket) => {
    if (envelope.cf !== 'bus') return;
    const target = byIndex.get(envelope.to);
    if (target?.isConnected()) {
      // Once passed on, the socket here is only a husk; closing it tells the sending worker's
      // server that the connection left it (else that server's close() would wait for it forever).
      target.send({ ...envelope, from } satisfies BusEnvelope, handle, () => handle?.destroy());
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
      });
      worker.on('exit', (code, signal) => {
        if (byIndex.get(index) === worker) byIndex.delete(index);
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
