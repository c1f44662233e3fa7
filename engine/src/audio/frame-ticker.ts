// One 20 ms tick for every pacer of the process instead of one timer per call per frame: with
// hundreds of calls speaking, a timer each per 20 ms was measurable CPU (issue 25). Subscribers
// run in subscription order on each tick; the tick keeps to its grid (a late tick does not push
// the next ones back, missed ticks are skipped) and stops while nobody is subscribed.
import type { Clock, TimerHandle } from '../ports/clock';
import { FRAME_MS } from './frames';

export class FrameTicker {
  private readonly subscribers = new Set<() => void>();
  private timer: TimerHandle | null = null;
  private due = 0;

  constructor(
    private readonly clock: Clock,
    private readonly periodMs = FRAME_MS,
  ) {}

  /** Calls `fn` on every tick from the next one on, until the returned function is called. */
  subscribe(fn: () => void): () => void {
    this.subscribers.add(fn);
    if (!this.timer) {
      this.due = this.clock.now() + this.periodMs;
      this.arm();
    }
    return () => {
      this.subscribers.delete(fn);
      if (this.subscribers.size > 0) return;
      this.timer?.cancel();
      this.timer = null;
    };
  }

  get size(): number {
    return this.subscribers.size;
  }

  private arm(): void {
    this.timer = this.clock.setTimer(Math.max(0, this.due - this.clock.now()), () => this.tick());
  }

  private tick(): void {
    this.timer = null;
    // A subscriber may unsubscribe (itself or another) during the tick: iterate over a copy.
    for (const fn of [...this.subscribers]) if (this.subscribers.has(fn)) fn();
    if (this.subscribers.size === 0 || this.timer) return;
    const now = this.clock.now();
    this.due += this.periodMs;
    if (this.due <= now) this.due += Math.ceil((now - this.due + 1) / this.periodMs) * this.periodMs;
    this.arm();
  }
}
