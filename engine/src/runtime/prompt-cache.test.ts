// The prompt cache keeps each prompt's frames with their base64 (computed once, when the audio
// enters), and its size bound counts that text too: a bound of N MB means N MB of RAM, not N MB
// of audio plus a third again uncounted.
import { describe, expect, it } from 'vitest';
import { frameAt, TEXT_OVERHEAD_BYTES } from '../audio/encoded-frames';
import { FrameSplitter } from '../audio/frames';
import { MemoryPromptCache } from './prompt-cache';

const audioOf = (bytes: number, seed = 1) =>
  Uint8Array.from({ length: bytes }, (_, i) => (i * seed + 11) & 0xff);

describe('prompt cache: pre-encoded frames', () => {
  it('cuts frames as the splitter does (the last padded with silence), each with its base64', () => {
    for (const length of [1, 159, 160, 161, 1600, 1650]) {
      const cache = new MemoryPromptCache();
      const audio = audioOf(length, length);
      cache.set('k', audio);
      const splitter = new FrameSplitter();
      const expected = [...splitter.push(audio), ...[splitter.flush()].filter((f) => f !== null)];
      const encoded = cache.encoded('k')!;
      expect(encoded.base64.map((_, i) => [...frameAt(encoded.frames, i)])).toEqual(
        expected.map((f) => [...f]),
      );
      encoded.base64.forEach((text, i) =>
        expect(text).toBe(Buffer.from(frameAt(encoded.frames, i)).toString('base64')),
      );
      expect([...cache.get('k')!]).toEqual([...audio]); // the audio as synthesized (voice previews), no padding
    }
  });

  it('hands every call the same encoding: nothing is encoded again per call or per replay', () => {
    const cache = new MemoryPromptCache();
    cache.set('k', audioOf(3200));
    expect(cache.encoded('k')).toBe(cache.encoded('k'));
  });

  it('counts the base64 in its bound: ≈ 2.55× the audio, and evicts by that count', () => {
    const audio = audioOf(1600); // 10 frames: 1600 bytes of audio + 10 × 216 characters of base64
    const entry = 1600 + 10 * (216 + TEXT_OVERHEAD_BYTES);
    const cache = new MemoryPromptCache(2 * entry);
    cache.set('a', audio);
    expect(cache.heldBytes).toBe(entry);
    cache.set('b', audio);
    cache.set('c', audio); // a third would pass a bound that counted audio only; here the oldest goes
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((x) => x !== undefined)).toEqual([
      false,
      true,
      true,
    ]);
    expect(cache.heldBytes).toBe(2 * entry);
    const small = new MemoryPromptCache(2 * 1600); // room for the audio twice, not for one entry
    small.set('a', audio);
    expect(small.encoded('a')).toBeUndefined();
    expect(small.heldBytes).toBe(0);
  });

  it('counts the padding of a last partial frame, and a replaced key only once', () => {
    const cache = new MemoryPromptCache();
    cache.set('k', audioOf(1600));
    cache.set('k', audioOf(300)); // two frames: 320 bytes padded
    expect(cache.heldBytes).toBe(320 + 2 * (216 + TEXT_OVERHEAD_BYTES));
    expect(cache.size).toBe(1);
  });
});
