import { describe, expect, it } from 'vitest';
import type { Clock } from '../ports/clock';
import { manualClock } from '../providers/fake/clock';
import { FrameTicker } from './frame-ticker';
import { Pacer, type PacedItem } from './pacer';

/** A manual clock that counts the timers armed on it. */
function countingClock() {
  const manual = manualClock();
  let timers = 0;
  const clock: Clock = {
    now: manual.clock.now,
    setTimer: (ms, fn) => (timers++, manual.clock.setTimer(ms, fn)),
  };
  return { clock, advance: manual.advance, timers: () => timers };
}

const frames = (n: number) => Array.from({ length: n }, (_, i) => new Uint8Array(160).fill(i));

describe('frame ticker (one 20 ms tick for every pacer)', () => {
  it('ticks every 20 ms on its grid while somebody listens, and stops when nobody does', () => {
    const { clock, advance, timers } = countingClock();
    const ticker = new FrameTicker(clock);
    const at: number[] = [];
    const leave = ticker.subscribe(() => at.push(clock.now()));
    advance(100);
    expect(at).toEqual([20, 40, 60, 80, 100]);
    leave();
    advance(100);
    expect(at).toHaveLength(5);
    expect(timers()).toBe(6); // one per tick, the sixth cancelled
  });

  it('keeps to its grid after a late tick and skips ticks it missed', () => {
    const manual = manualClock();
    let armed = 0;
    // The second timer fires 45 ms late (the event loop was busy): at 85 instead of 40.
    const clock: Clock = {
      now: manual.clock.now,
      setTimer: (ms, fn) => manual.clock.setTimer(ms + (++armed === 2 ? 45 : 0), fn),
    };
    const ticker = new FrameTicker(clock);
    const at: number[] = [];
    ticker.subscribe(() => at.push(clock.now()));
    manual.advance(100);
    expect(at).toEqual([20, 85, 100]);
  });

  it('lets subscribers leave (themselves or others) and join during a tick', () => {
    const { clock, advance } = countingClock();
    const ticker = new FrameTicker(clock);
    const calls: string[] = [];
    const leaveB = ticker.subscribe(() => calls.push('b'));
    const leaveA: () => void = ticker.subscribe(() => {
      calls.push('a');
      leaveA();
      leaveB();
      ticker.subscribe(() => calls.push('c'));
    });
    advance(40);
    expect(calls).toEqual(['b', 'a', 'c']);
    expect(ticker.size).toBe(1);
  });

  it('paces many calls with one timer per tick, within the same lead as a pacer on its own', () => {
    const { clock, advance, timers } = countingClock();
    const ticker = new FrameTicker(clock);
    const sent: { at: number; item: PacedItem }[][] = [[], [], []];
    const pacers = sent.map(
      (log) => new Pacer({ clock, leadMs: 200, ticker, send: (item) => log.push({ at: clock.now(), item }) }),
    );
    for (const [i, pacer] of pacers.entries()) {
      advance(7 * i); // calls start at different moments
      pacer.enqueue(frames(50));
      pacer.mark(`end-${i}`);
    }
    for (let t = 0; t < 1300; t += 5) {
      advance(5);
      for (const [i, log] of sent.entries()) {
        const media = log.filter((s) => s.item.kind === 'media').length;
        const startedAt = 7 * i * (i + 1) * 0.5; // 0, 7, 21
        const played = Math.max(0, clock.now() - startedAt);
        // Never more than the lead ahead; never behind what the caller has played (no gap).
        expect(media * 20 - played).toBeLessThanOrEqual(200);
        if (media < 50) expect(media * 20).toBeGreaterThanOrEqual(played);
      }
    }
    for (const log of sent) {
      expect(log.map((s) => (s.item.kind === 'media' ? s.item.frame[0] : s.item.name))).toEqual([
        ...Array(50).keys(),
        expect.stringMatching(/^end-/),
      ]);
    }
    expect(pacers.every((p) => p.idle)).toBe(true);
    expect(ticker.size).toBe(0);
    // About one timer per 20 ms for all three calls together (≈ 1 s of pacing), not one per frame each.
    expect(timers()).toBeLessThan(60);
  });

  it('a cleared or stopped pacer leaves the tick', () => {
    const { clock, advance } = countingClock();
    const ticker = new FrameTicker(clock);
    const a = new Pacer({ clock, ticker, send: () => {} });
    const b = new Pacer({ clock, ticker, send: () => {} });
    a.enqueue(frames(30));
    b.enqueue(frames(30));
    expect(ticker.size).toBe(2);
    a.clear();
    b.stop();
    expect(ticker.size).toBe(0);
    advance(100);
  });
});
