// Delivery queue that lives only in memory — for zero-persistence flows, whose call notes must
// never touch a disk. Retries follow the same backoff as stored deliveries; when the process
// ends or the 24-hour window closes, the note is simply gone (the promise of the flag).
import { nextRetryDelay } from './backoff';
import type { AttemptResult } from './webhook-sender';

export interface RamDelivery {
  txId: string;
  /** Attempts one delivery; never throws. */
  attempt(): Promise<AttemptResult>;
}

export interface RamQueueHooks {
  delivered(txId: string, attempts: number): void;
  /** Final failure: nothing is kept; `code` says why (never caller content). */
  gaveUp(txId: string, code: string, attempts: number): void;
  retrying?(txId: string, code: string, attempts: number, delayMs: number): void;
}

export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.(); // pending retries must not keep a stopping server alive
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Pending {
  delivery: RamDelivery;
  firstAttemptAt: number;
  attempts: number;
  timer?: unknown;
}

export class RamDeliveryQueue {
  private readonly pending = new Map<string, Pending>();
  private stopped = false;

  constructor(
    private readonly hooks: RamQueueHooks,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  /** Number of notes still waiting in memory (for metrics and tests). */
  get size(): number {
    return this.pending.size;
  }

  enqueue(delivery: RamDelivery): void {
    if (this.stopped || this.pending.has(delivery.txId)) return; // txId is the idempotency key
    const entry: Pending = { delivery, firstAttemptAt: this.scheduler.now(), attempts: 0 };
    this.pending.set(delivery.txId, entry);
    void this.run(entry);
  }

  private async run(entry: Pending): Promise<void> {
    entry.timer = undefined;
    entry.attempts += 1;
    const result = await entry.delivery.attempt();
    if (this.stopped || !this.pending.has(entry.delivery.txId)) return;
    const txId = entry.delivery.txId;
    if (result.ok) {
      this.pending.delete(txId);
      this.hooks.delivered(txId, entry.attempts);
      return;
    }
    const delay = result.retryable
      ? nextRetryDelay(entry.attempts, entry.firstAttemptAt, this.scheduler.now())
      : null;
    if (delay === null) {
      this.pending.delete(txId);
      this.hooks.gaveUp(txId, result.retryable ? 'delivery.window-closed' : result.code, entry.attempts);
      return;
    }
    this.hooks.retrying?.(txId, result.code, entry.attempts, delay);
    entry.timer = this.scheduler.setTimeout(() => void this.run(entry), delay);
  }

  /** Drops everything still pending (process shutdown): zero persistence means it is gone. */
  stop(): number {
    this.stopped = true;
    const dropped = this.pending.size;
    for (const entry of this.pending.values())
      if (entry.timer !== undefined) this.scheduler.clearTimeout(entry.timer);
    this.pending.clear();
    return dropped;
  }
}
