// One 20 ms clock (per speed) for every caller of the process: a load worker runs hundreds of
// callers, and a timer and a promise per caller per frame were most of their own CPU. A caller
// sends the frames that are due at each tick, so its frames keep a fixed phase to the clock.
export class SharedTick {
  private static readonly byPeriod = new Map<number, SharedTick>();
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  static every(periodMs: number): SharedTick {
    let tick = SharedTick.byPeriod.get(periodMs);
    if (!tick) SharedTick.byPeriod.set(periodMs, (tick = new SharedTick(periodMs)));
    return tick;
  }

  private constructor(private readonly periodMs: number) {}

  /** Resolves at the next tick; the clock runs only while somebody waits. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (this.timer) return;
      // On the period's grid, so re-arming after an idle spell keeps the phase.
      const now = performance.now();
      this.timer = setTimeout(() => this.fire(), this.periodMs - (now % this.periodMs));
    });
  }

  private fire(): void {
    this.timer = null;
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}
