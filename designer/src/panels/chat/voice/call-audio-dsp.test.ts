import { describe, expect, it } from 'vitest';
import { MULAW_DECODE_TABLE } from '../../../../../engine/src/audio/mulaw';
import {
  Downsampler,
  FRAME_SAMPLES,
  FrameEncoder,
  JITTER_LIMIT_MS,
  JitterBuffer,
  Upsampler,
} from './call-audio-dsp';

const tone = (rate: number, hz: number, seconds: number) =>
  Float32Array.from({ length: rate * seconds }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));

describe('microphone → 8 kHz μ-law frames', () => {
  it.each([48_000, 44_100, 16_000, 8000])('gives 8000 samples per second from %i Hz', (rate) => {
    const down = new Downsampler(rate);
    let n = 0;
    down.push(tone(rate, 440, 1), () => n++);
    expect(Math.abs(n - 8000)).toBeLessThanOrEqual(1);
  });

  it('keeps a 440 Hz voice band tone at its level, cut into 160-byte frames', () => {
    const down = new Downsampler(48_000);
    const enc = new FrameEncoder();
    const frames: Uint8Array[] = [];
    down.push(tone(48_000, 440, 1), (s) => {
      const f = enc.push(s);
      if (f) frames.push(f);
    });
    expect(frames).toHaveLength(50);
    expect(frames.every((f) => f.length === FRAME_SAMPLES)).toBe(true);
    const peak = Math.max(...frames.flatMap((f) => [...f].map((b) => Math.abs(MULAW_DECODE_TABLE[b]))));
    expect(peak / 32768).toBeGreaterThan(0.45);
    expect(peak / 32768).toBeLessThan(0.55);
  });
});

describe('the jitter buffer', () => {
  const frame = (byte: number) => new Uint8Array(160).fill(byte);

  it('waits for 60 ms before playing, then plays in order and echoes a mark after its audio', () => {
    const played: string[] = [];
    const jb = new JitterBuffer((m) => played.push(m));
    jb.pushFrame(frame(0x00));
    expect(jb.next()).toBe(0); // 20 ms buffered: still waiting
    jb.pushFrame(frame(0x00));
    jb.pushFrame(frame(0x00));
    jb.pushMark('prompt#1');
    const out = Array.from({ length: 480 }, () => jb.next());
    expect(out.every((s) => s < -0.9)).toBe(true);
    expect(played).toEqual(['prompt#1']);
    expect(jb.report()).toEqual({ depthMs: 0, maxDepthMs: 60, limitMs: 200, droppedMs: 0 });
  });

  it('plays a short prompt at once when its mark arrives', () => {
    const played: string[] = [];
    const jb = new JitterBuffer((m) => played.push(m));
    jb.pushFrame(frame(0x00));
    jb.pushMark('short#1');
    expect(jb.next()).toBeLessThan(-0.9);
  });

  it('clear drops the waiting audio, says how much, and counts its marks as played', () => {
    const played: string[] = [];
    const jb = new JitterBuffer((m) => played.push(m));
    for (let i = 0; i < 10; i++) jb.pushFrame(frame(0x00));
    jb.pushMark('a#1');
    jb.pushFrame(frame(0x00));
    jb.pushMark('b#2');
    expect(jb.clear()).toBe(220 - 20); // 11 frames pushed, the oldest skipped at the 200 ms limit
    expect(played).toEqual(['a#1', 'b#2']);
    expect(jb.next()).toBe(0);
    expect(jb.report().depthMs).toBe(0);
  });
});

describe('the jitter buffer holds at most 200 ms', () => {
  // Frames numbered by their byte, so what is heard tells which audio was skipped.
  const numbered = (n: number) => new Uint8Array(160).fill(0x80 + n);
  const firstSampleOf = (n: number) => MULAW_DECODE_TABLE[0x80 + n] / 32768;

  it('skips the oldest audio when a late page would hear the bot more than 200 ms behind', () => {
    const jb = new JitterBuffer(() => undefined);
    for (let n = 0; n < 15; n++) jb.pushFrame(numbered(n)); // 300 ms arrive while the page is stalled
    expect(jb.report()).toEqual({ depthMs: 200, maxDepthMs: 200, limitMs: JITTER_LIMIT_MS, droppedMs: 100 });
    // The newest 200 ms are kept, in order: playback goes on with frame 5.
    expect(jb.next()).toBe(firstSampleOf(5));
  });

  it('never exceeds the limit frame by frame, whatever arrives at once', () => {
    const jb = new JitterBuffer(() => undefined);
    for (let burst = 0; burst < 20; burst++) {
      for (let n = 0; n < 7; n++) jb.pushFrame(numbered(n));
      expect(jb.report().depthMs).toBeLessThanOrEqual(200);
      for (let i = 0; i < 480; i++) jb.next(); // 60 ms heard between bursts
    }
    const r = jb.report();
    expect(r.maxDepthMs).toBe(200);
    expect(r.droppedMs).toBeGreaterThan(0);
  });

  it('echoes a mark whose audio was skipped, in order, so the server knows the prompt is over', () => {
    const played: string[] = [];
    const jb = new JitterBuffer((m) => played.push(m));
    for (let n = 0; n < 5; n++) jb.pushFrame(numbered(n));
    jb.pushMark('short#1');
    expect(played).toEqual([]);
    for (let n = 5; n < 16; n++) jb.pushFrame(numbered(n)); // 320 ms waiting: frames 0–5 go
    expect(played).toEqual(['short#1']);
    expect(jb.report().droppedMs).toBe(120);
    expect(jb.next()).toBe(firstSampleOf(6));
  });

  it('keeps what a punctual page hears whole: no skips at a steady 20 ms pace', () => {
    const jb = new JitterBuffer(() => undefined);
    for (let n = 0; n < 10; n++) jb.pushFrame(numbered(n)); // the server's 200 ms lead
    for (let n = 10; n < 100; n++) {
      for (let i = 0; i < 160; i++) jb.next();
      jb.pushFrame(numbered(n % 100));
    }
    expect(jb.report()).toMatchObject({ droppedMs: 0, maxDepthMs: 200 });
  });

  it('a smaller limit is honoured, and the prebuffer never waits for more than the limit', () => {
    const jb = new JitterBuffer(() => undefined, { limitMs: 40, prebufferMs: 60 });
    jb.pushFrame(numbered(1));
    jb.pushFrame(numbered(2));
    expect(jb.next()).toBe(firstSampleOf(1)); // 40 ms is all it may hold: playing starts
    jb.pushFrame(numbered(3));
    jb.pushFrame(numbered(4));
    expect(jb.report()).toMatchObject({ depthMs: 40, maxDepthMs: 40, limitMs: 40 });
  });
});

describe('8 kHz → output rate', () => {
  it('takes 8000 source samples per second of output', () => {
    const up = new Upsampler(48_000);
    let taken = 0;
    up.fill(new Float32Array(48_000), () => (taken++, 0));
    expect(Math.abs(taken - 8000)).toBeLessThanOrEqual(1);
  });
});
