// Calls waiting for the outcome of a transfer. While a <Dial> rings, the phone network has taken
// the call away from our media stream, but the conversation (the CallSession and its state) is
// not over: if nobody answers, the flow's fallback must continue on a new stream. The parked
// item stays in RAM only, keyed by the provider's call id, and every entry has a timer that
// always ends it: `take` (the outcome arrived) or expiry (`onExpire`: the owner delivers the
// record and releases everything). Nothing is ever kept without a deadline.
import type { Clock, TimerHandle } from '../ports/clock';

interface Entry<T> {
  readonly item: T;
  timer: TimerHandle;
}

export class ParkingLot<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly deps: { clock: Clock; onExpire: (item: T) => void }) {}

  /** Parks `item` under `key` for at most `ttlMs`; an item already parked there expires now. */
  park(key: string, item: T, ttlMs: number): void {
    const old = this.entries.get(key);
    if (old && old.item !== item) this.expire(key, old);
    if (old) old.timer.cancel();
    const entry: Entry<T> = { item, timer: { cancel: () => {} } };
    entry.timer = this.deps.clock.setTimer(ttlMs, () => this.expire(key, entry));
    this.entries.set(key, entry);
  }

  /** The parked item without removing it (or undefined). */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.item;
  }

  /** Gives a parked item a new deadline (e.g. while a resume stream is being set up). */
  extend(key: string, ttlMs: number): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.park(key, entry.item, ttlMs);
    return true;
  }

  /** Removes and returns the parked item; its timer is cancelled. */
  take(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.timer.cancel();
    this.entries.delete(key);
    return entry.item;
  }

  /** Removes `item` wherever it is parked (it ended by itself). */
  release(item: T): void {
    for (const [key, entry] of this.entries) if (entry.item === item) this.take(key);
  }

  /** Shutdown: every parked item expires now. */
  expireAll(): void {
    for (const [key, entry] of [...this.entries]) this.expire(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  private expire(key: string, entry: Entry<T>): void {
    entry.timer.cancel();
    if (this.entries.get(key) === entry) this.entries.delete(key);
    this.deps.onExpire(entry.item);
  }
}
