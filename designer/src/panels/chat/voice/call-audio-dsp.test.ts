import { describe, expect, it } from 'vitest';
import { MULAW_DECODE_TABLE } from '../../../../../engine/src/audio/mulaw';
import { Downsampler, FRAME_SAMPLES, FrameEncoder, JitterBuffer, Upsampler } from './call-audio-dsp';

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
    expect(jb.report()).toMatchObject({ depthMs: 0, maxDepthMs: 60 });
  });

  it('plays a short prompt at once when its mark arrives', () => {
    const played: string[] = [];
    const jb = new JitterBuffer((m) => played.push(m));
    jb.pushFrame(frame(0x00));
    jb.pushMark('short#1');
    expect(jb.next()).toBeLessThan(-0.9);
  });

  it('clear drops the waiting audio and counts its marks as played', () => {
    const played: string[] = [];
    const jb = new JitterBuffer((m) => played.push(m));
    for (let i = 0; i < 10; i++) jb.pushFrame(frame(0x00));
    jb.pushMark('a#1');
    jb.pushFrame(frame(0x00));
    jb.pushMark('b#2');
    jb.clear();
    expect(played).toEqual(['a#1', 'b#2']);
    expect(jb.next()).toBe(0);
    expect(jb.report().depthMs).toBe(0);
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
