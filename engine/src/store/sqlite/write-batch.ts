// Writes made while calls run — a finished call's note (its data key, then its rows) and its
// analytics — are gathered and committed together: one transaction per database for all of them.
// With synchronous=FULL every commit waits for the disk, on the event loop that also paces every
// call's audio; batched, that wait comes once per batch instead of two or three times per
// finished call.
//
// Group commit: a write commits at the end of the event-loop turn it arrived in, with whatever
// else arrived in that turn — no added wait while writes are rare. Once a commit held several
// writes (calls are finishing together), writes wait up to `maxDelayMs` for others for a while.
//
// Why batched and not a worker thread: the crash guarantees rest on the order of durable steps in
// one place (the data key committed before its note's rows; a note's rows in one transaction;
// `accept` resolving only once they are on disk). A batch keeps exactly that order and the same
// connections the readers use; a worker would need its own connections, a message protocol, and
// would move the crash tests' freeze points into another thread for a cost (SQLite's share of the
// CPU is small) that batching already cuts.
import { clearImmediate, clearTimeout, setImmediate, setTimeout } from 'node:timers';

export interface BatchedWrite<T> {
  /** First, in the key store's transaction: a note's data key (durable before its rows, as always). */
  readonly key?: () => void;
  /** Then in the main database's transaction, in a savepoint of its own: if it throws, only it is undone. */
  readonly rows: () => T;
}

/** Runs `fn` in a transaction of one database (a savepoint when one is open already). */
export type Transaction = <T>(fn: () => T) => T;

export interface WriteBatchOptions {
  readonly main: Transaction;
  readonly keys: Transaction;
  /** While busy, the longest a write waits for others to join it (ms). */
  readonly maxDelayMs?: number;
  /** A batch this full commits at once. */
  readonly maxWrites?: number;
  /** Told after each commit of the main database, with how many writes it held (tests). */
  readonly onCommit?: (writes: number) => void;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Pending {
  readonly write: BatchedWrite<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** One audio frame: a finished call's log line comes at most this much later. */
export const DEFAULT_BATCH_DELAY_MS = 20;
export const DEFAULT_BATCH_WRITES = 100;
/** How long after a commit of several writes the batch keeps waiting `maxDelayMs` for company. */
const BUSY_FOR_MS = 1_000;

export class WriteBatch {
  private pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private turnEnd: ReturnType<typeof setImmediate> | undefined;
  /** Until then writes wait `maxDelayMs` (a recent commit held several). */
  private busyUntil = 0;
  private readonly maxDelayMs: number;
  private readonly maxWrites: number;

  constructor(private readonly opts: WriteBatchOptions) {
    this.maxDelayMs = opts.maxDelayMs ?? DEFAULT_BATCH_DELAY_MS;
    this.maxWrites = opts.maxWrites ?? DEFAULT_BATCH_WRITES;
  }

  /** Resolves with `rows`' result once the write is committed (on disk), rejects if it was not. */
  run<T>(write: BatchedWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length >= this.maxWrites) this.flush();
      else if (!this.timer && !this.turnEnd) this.schedule();
    });
  }

  private schedule(): void {
    if (Date.now() < this.busyUntil) this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
    else this.turnEnd = setImmediate(() => this.flush());
  }

  /** Commits everything waiting, now (the timer, a full batch, and the store's close). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.turnEnd) clearImmediate(this.turnEnd);
    this.timer = this.turnEnd = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const settled: (Settled | undefined)[] = [];
    try {
      const { keys, main } = this.opts;
      if (batch.some((p) => p.write.key))
        keys(() => batch.forEach((p, i) => (settled[i] = attempt(keys, p.write.key))));
      main(() =>
        batch.forEach((p, i) => {
          // A write whose key was refused writes no rows (they would be unreadable).
          if (settled[i]?.ok !== false) settled[i] = attempt(main, p.write.rows);
        }),
      );
    } catch (error) {
      // A commit failed: nothing of this batch is known to be on disk (a key without its rows is
      // an orphan the purge sweeps, as after a crash).
      for (const p of batch) p.reject(error);
      return;
    }
    if (batch.length > 1) this.busyUntil = Date.now() + BUSY_FOR_MS;
    this.opts.onCommit?.(batch.length);
    batch.forEach((p, i) => {
      const s = settled[i]!;
      if (s.ok) p.resolve(s.value);
      else p.reject(s.error);
    });
  }
}

function attempt(transaction: Transaction, fn: (() => unknown) | undefined): Settled {
  try {
    return { ok: true, value: fn ? transaction(fn) : undefined };
  } catch (error) {
    return { ok: false, error };
  }
}
