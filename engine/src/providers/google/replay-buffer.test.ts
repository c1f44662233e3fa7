import { describe, expect, it } from 'vitest';
import { silence, syntheticSpeech } from '../../audio/synthetic-speech';
import { ReplayBuffer } from './replay-buffer';

describe('replay buffer (audio since the last final result)', () => {
  it('keeps exactly the audio not yet covered by a final, on the session timeline', () => {
    const buffer = new ReplayBuffer(10_000);
    for (let i = 0; i < 50; i++) buffer.append(silence(20)); // 0–1000 ms
    buffer.settleUntil(500);
    expect(buffer.startMs).toBe(500);
    expect(buffer.endMs).toBe(1000);
    expect(buffer.lengthMs).toBe(500);
    expect(buffer.pending()).toHaveLength(25);
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
});
