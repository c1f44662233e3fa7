import { describe, expect, it } from 'vitest';
import { type PacedItem, Pacer } from './pacer';
import { manualClock } from '../providers/fake/clock';
import { FrameTicker } from './frame-ticker';

const frames = (n: number) => Array.from({ length: n }, (_, i) => new Uint8Array(160).fill(i));

describe('pacer', () => {
  it('sends the first lead immediately, then one frame per 20 ms, never more than the lead ahead', () => {
    const { clock, advance } = manualClock();
    const sent: { at: number; item: PacedItem }[] = [];
    const pacer = new Pacer({ clock, leadMs: 200, send: (item) => sent.push({ at: clock.now(), item }) });
    pacer.enqueue(frames(50));
    expect(sent).toHaveLength(10);
    expect(sent.every((s) => s.at === 0)).toBe(true);
    for (let t = 0; t < 1200; t += 5) {
      advance(5);
      const mediaSent = sent.length * 20;
      expect(mediaSent - clock.now()).toBeLessThanOrEqual(200);
    }
    expect(sent).toHaveLength(50);
    expect(sent.map((s) => (s.item.kind === 'media' ? s.item.frame[0] : -1))).toEqual([...Array(50).keys()]);
    // Steady state: frame k is sent at 20·k − 200 + 20 ms.
    expect(sent[30].at).toBe(30 * 20 - 200 + 20);
  });

  it('keeps marks in order behind the audio they follow', () => {
    const { clock, advance } = manualClock();
    const sent: PacedItem[] = [];
    const pacer = new Pacer({ clock, leadMs: 100, send: (i) => sent.push(i) });
    pacer.enqueue(frames(10));
    pacer.mark('p1');
    pacer.enqueue(frames(2));
    expect(sent.filter((s) => s.kind === 'mark')).toHaveLength(0);
    advance(1000);
    const idx = sent.findIndex((s) => s.kind === 'mark');
    expect(idx).toBe(10);
    expect(sent).toHaveLength(13);
    expect(pacer.idle).toBe(true);
  });

  it('clear drops everything queued and restarts the lead at once', () => {
    const { clock, advance } = manualClock();
    const sent: PacedItem[] = [];
    const pacer = new Pacer({ clock, leadMs: 100, send: (i) => sent.push(i) });
    pacer.enqueue(frames(100));
    pacer.mark('never');
    advance(50);
    const before = sent.length;
    expect(pacer.clear()).toBe(100 - before);
    advance(1000);
    expect(sent).toHaveLength(before);
    pacer.enqueue(frames(3));
    expect(sent).toHaveLength(before + 3);
    expect(sent.some((s) => s.kind === 'mark')).toBe(false);
  });

  it('after an underrun, starts playback from now instead of bursting the backlog', () => {
    const { clock, advance } = manualClock();
    const sent: PacedItem[] = [];
    const pacer = new Pacer({ clock, leadMs: 60, send: (i) => sent.push(i) });
    pacer.enqueue(frames(1));
    advance(5000);
    pacer.enqueue(frames(10));
    expect(sent).toHaveLength(4);
    expect(pacer.aheadMs).toBe(60 + 7 * 20);
    pacer.stop();
    advance(1000);
    expect(sent).toHaveLength(4);
  });

  it('knows when the caller will have heard everything, and when they did (silence since then)', () => {
    const { clock, advance } = manualClock();
    const pacer = new Pacer({ clock, leadMs: 100, send: () => {} });
    pacer.enqueue(frames(25)); // 500 ms, 100 ms of it sent at once
    expect(pacer.playoutEndsAt).toBe(500);
    advance(200);
    expect(pacer.playoutEndsAt).toBe(500);
    advance(1000);
    expect(pacer.playoutEndsAt).toBe(500); // in the past: the caller has heard nothing since
    pacer.clear();
    expect(pacer.playoutEndsAt).toBe(1200);
  });

  it('in bursts: tops the lead up 100 ms at a time, never more than the lead ahead nor ever dry', () => {
    const { clock, advance } = manualClock();
    const sent: { at: number; item: PacedItem }[] = [];
    const pacer = new Pacer({
      clock,
      leadMs: 200,
      burstMs: 100,
      send: (item) => sent.push({ at: clock.now(), item }),
    });
    pacer.enqueue(frames(50)); // one second of audio
    expect(sent).toHaveLength(10); // the whole lead at once, as without bursts
    for (let t = 0; t < 1200; t += 5) {
      advance(5);
      const ahead = sent.length * 20 - clock.now();
      expect(ahead).toBeLessThanOrEqual(200);
      if (sent.length < 50) expect(ahead).toBeGreaterThanOrEqual(100); // the line never runs dry
    }
    expect(sent.map((s) => (s.item.kind === 'media' ? s.item.frame[0] : -1))).toEqual([...Array(50).keys()]);
    // After the lead, frames leave five at a time, every 100 ms: one socket write each.
    const sendTimes = [...new Set(sent.map((s) => s.at))];
    expect(sendTimes).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800]);
    expect(sent.filter((s) => s.at === 300)).toHaveLength(5);
  });

  it('in bursts on the shared tick: the same five-frame bursts, and a mark follows its audio', () => {
    const { clock, advance } = manualClock();
    const ticker = new FrameTicker(clock);
    const sent: { at: number; item: PacedItem }[] = [];
    const pacer = new Pacer({
      clock,
      ticker,
      leadMs: 200,
      burstMs: 100,
      send: (item) => sent.push({ at: clock.now(), item }),
    });
    pacer.enqueue(frames(22));
    pacer.mark('end');
    advance(2000);
    const perTime = new Map<number, number>();
    for (const s of sent) perTime.set(s.at, (perTime.get(s.at) ?? 0) + 1);
    expect([...perTime.values()]).toEqual([10, 5, 5, 3]); // the last burst: 2 frames and the mark
    expect(sent.at(-1)?.item).toEqual({ kind: 'mark', name: 'end' });
    expect(ticker.size).toBe(0); // nothing left to wait for
  });

  it('a burst longer than the lead is cut to the lead', () => {
    const { clock } = manualClock();
    const sent: PacedItem[] = [];
    const pacer = new Pacer({ clock, leadMs: 60, burstMs: 1000, send: (i) => sent.push(i) });
    pacer.enqueue(frames(10));
    expect(sent).toHaveLength(3);
  });
});
