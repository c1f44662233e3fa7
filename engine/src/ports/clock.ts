// Clock port: the only way runtime code reads time or waits, so tests can drive time.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds on a monotonic scale (not wall-clock time). */
  now(): number;
  /** Runs fn once after ms; cancel() before it fires prevents it. */
  setTimer(ms: number, fn: () => void): TimerHandle;
}

/** The real clock: performance.now() and setTimeout. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};
