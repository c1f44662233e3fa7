import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, FrameSplitter, bytesToMs } from './frames';

describe('20 ms frame splitter', () => {
  it('re-cuts odd vendor chunks into 160-byte frames without losing or reordering bytes', () => {
    const splitter = new FrameSplitter();
    const input = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const frames = [
      ...splitter.push(input.subarray(0, 7)),
      ...splitter.push(input.subarray(7, 400)),
      ...splitter.push(input.subarray(400, 1000)),
    ];
    expect(frames.every((f) => f.length === FRAME_BYTES)).toBe(true);
    expect(frames).toHaveLength(6);
    const last = splitter.flush()!;
    expect(last).toHaveLength(FRAME_BYTES);
    const joined = Buffer.concat([...frames, last]);
    expect([...joined.subarray(0, 1000)]).toEqual([...input]);
    expect(joined.subarray(1000).every((b) => b === 0xff)).toBe(true);
    expect(splitter.flush()).toBeNull();
  });

  it('drops the remainder on reset (barge-in)', () => {
    const splitter = new FrameSplitter();
    splitter.push(new Uint8Array(100));
    splitter.reset();
    expect(splitter.flush()).toBeNull();
    expect(bytesToMs(FRAME_BYTES)).toBe(20);
  });
});
