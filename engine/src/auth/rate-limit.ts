// Fixed-window login limiter kept in memory. Good for one server instance; several instances
// behind a load balancer each count on their own (documented in README.md).

export interface RateLimiter {
  /** Counts one attempt; returns seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number;
  reset(key: string): void;
}

export function createRateLimiter(options: { max: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    hit(key, now) {
      let w = windows.get(key);
      if (!w || now - w.start >= options.windowMs) {
        if (windows.size >= maxKeys) prune(windows, now, options.windowMs);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count > options.max ? Math.ceil((w.start + options.windowMs - now) / 1000) : 0;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

function prune(windows: Map<string, { start: number }>, now: number, windowMs: number): void {
  for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
  // Still full: drop the oldest entries rather than grow without bound under a spray of keys.
  for (const k of windows.keys()) {
    if (windows.size < 10_000) break;
    windows.delete(k);
  }
}
