// A manual Clock for tests and benchmarks: time moves only when `advance` is called, and timers
// due in between fire in order at their own instants.
import type { Clock } from '../../ports/clock';

export function manualClock(): { clock: Clock; advance(ms: number): void } {
  let now = 0;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimer(ms, fn) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => (t.live = false) };
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      now = next.at;
      next.live = false;
      next.fn();
    }
    now = end;
  };
  return { clock, advance };
}
