import { describe, expect, it } from 'vitest';
import { MULAW_DECODE_TABLE, MULAW_SILENCE, mulawDecode, mulawEncode } from './mulaw';

describe('G.711 μ-law', () => {
  it('matches the reference points every telephone line uses', () => {
    expect(mulawDecode(0xff)).toBe(0);
    expect(mulawDecode(0x00)).toBe(-32124);
    expect(mulawDecode(0x80)).toBe(32124);
    expect(mulawEncode(0)).toBe(0xff);
    expect(MULAW_SILENCE).toBe(0xff);
  });

  it('round-trips every byte except the duplicate zero (0x7F = negative zero)', () => {
    for (let b = 0; b < 256; b++) {
      if (b === 0x7f) continue;
      expect(mulawEncode(MULAW_DECODE_TABLE[b])).toBe(b);
    }
  });

  it('keeps the quantisation error of loud samples within one step (< 3.2 %)', () => {
    for (const s of [-30000, -12345, -1000, 500, 4000, 20000, 32000]) {
      const back = mulawDecode(mulawEncode(s));
      expect(Math.abs(back - s)).toBeLessThanOrEqual(Math.abs(s) * 0.032 + 8);
      expect(Math.sign(back)).toBe(Math.sign(s));
    }
  });

  it('clamps out-of-range samples instead of wrapping', () => {
    expect(mulawDecode(mulawEncode(100000))).toBe(32124);
    expect(mulawDecode(mulawEncode(-100000))).toBe(-32124);
  });
});
