import { describe, expect, it } from 'vitest';
import { silence, syntheticSpeech } from '../../audio/synthetic-speech';
import { QUIET_RUN_UP_MS, ReplayBuffer } from './replay-buffer';

describe('replay buffer (audio since the last final result)', () => {
  it('keeps exactly the audio not yet covered by a final, on the session timeline', () => {
    const buffer = new ReplayBuffer(10_000);
    for (let i = 0; i < 50; i++) buffer.append(silence(20)); // 0–1000 ms
    buffer.settleUntil(500);
    expect(buffer.startMs).toBe(500);
    expect(buffer.endMs).toBe(1000);
    expect(buffer.lengthMs).toBe(500);
    expect(Buffer.concat(buffer.pending()).length).toBe(25 * 160);
  });

  it('keeps a chunk that only partly precedes the final (no word is cut off)', () => {
    const buffer = new ReplayBuffer(10_000);
    buffer.append(silence(20));
    buffer.append(silence(20));
    buffer.settleUntil(30);
    expect(buffer.startMs).toBe(20);
  });

  it('knows whether unsettled audio contains speech (restart only in a pause)', () => {
    const buffer = new ReplayBuffer(10_000);
    buffer.append(silence(20));
    expect(buffer.holdsSpeech).toBe(false);
    buffer.append(syntheticSpeech(20));
    expect(buffer.holdsSpeech).toBe(true);
    buffer.settleUntil(40);
    expect(buffer.holdsSpeech).toBe(false);
  });

  it('is bounded: without finals the oldest audio is dropped, never unbounded memory', () => {
    const buffer = new ReplayBuffer(1000);
    for (let i = 0; i < 500; i++) buffer.append(silence(20));
    expect(buffer.lengthMs).toBeLessThanOrEqual(1000);
    expect(buffer.endMs).toBe(10_000);
  });

  it('keeps the exact bytes across ring wrap-arounds, growth and shrinking (against a plain copy)', () => {
    const buffer = new ReplayBuffer(60_000);
    let model: number[] = []; // every byte since the session began
    let settledBytes = 0;
    for (let i = 0; i < 400; i++) {
      const frame = i % 7 < 4 ? syntheticSpeech(20, { seed: i }) : silence(20);
      buffer.append(frame);
      model = model.concat([...frame]);
      if (i % 53 === 52) {
        buffer.settleUntil(buffer.endMs - 100);
        settledBytes = Math.floor(((buffer.endMs - 100) * 8) / 160) * 160;
      }
      const expected = model.slice(settledBytes);
      expect(buffer.startMs).toBe(settledBytes / 8);
      expect([...Buffer.concat(buffer.pending())]).toEqual(expected);
      expect([...buffer.newest(480)]).toEqual(expected.slice(-480));
    }
  });

  it('sends a replay in requests Google accepts (at most 8,000 bytes each)', () => {
    const buffer = new ReplayBuffer(60_000);
    buffer.append(syntheticSpeech(3000));
    const pieces = buffer.pending();
    expect(pieces.map((p) => p.length)).toEqual([8000, 8000, 8000]);
  });

  it('keeps only a second of run-up while nothing voiced is unsettled (a silent call holds ~8 KB)', () => {
    const buffer = new ReplayBuffer(135_000);
    for (let i = 0; i < 3000; i++) buffer.append(silence(20)); // a minute of listening, no final
    expect(buffer.lengthMs).toBe(QUIET_RUN_UP_MS);
    expect(buffer.endMs).toBe(60_000);
    buffer.append(syntheticSpeech(2000));
    expect(buffer.lengthMs).toBe(QUIET_RUN_UP_MS + 2000); // the word and the second before it
    expect(buffer.holdsSpeech).toBe(true);
  });

  it('never drops audio the caller still has to send (mustKeep), however quiet', () => {
    const buffer = new ReplayBuffer(135_000);
    for (let i = 0; i < 200; i++) buffer.append(silence(20), undefined, (i + 1) * 160);
    expect(buffer.lengthMs).toBe(4000);
    expect(buffer.newest(4000 * 8)).toHaveLength(4000 * 8);
  });

  it('uses the level it is given instead of measuring the frame again', () => {
    const buffer = new ReplayBuffer(10_000);
    expect(buffer.append(silence(20), 900)).toBe(true);
    expect(buffer.append(syntheticSpeech(20), 0)).toBe(false);
  });
});
