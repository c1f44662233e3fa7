import { describe, expect, it } from 'vitest';
import { WavHeaderStripper, mulawWavHeader } from './wav-header';

const audio = Uint8Array.from({ length: 400 }, (_, i) => (i * 7) % 256);

function run(chunks: Uint8Array[]): number[] {
  const s = new WavHeaderStripper();
  const out: number[] = [];
  for (const c of chunks) out.push(...s.push(c));
  out.push(...s.flush());
  return out;
}

describe('WAV header stripping', () => {
  it('passes headerless μ-law untouched', () => {
    expect(run([audio.subarray(0, 3), audio.subarray(3)])).toEqual([...audio]);
  });

  it('strips a RIFF header with extra chunks (fmt, fact) before data', () => {
    const full = Buffer.concat([mulawWavHeader(audio.length), audio]);
    expect(run([full])).toEqual([...audio]);
  });

  it('strips a header that arrives split into tiny chunks', () => {
    const full = Buffer.concat([mulawWavHeader(audio.length), audio]);
    const chunks = Array.from({ length: Math.ceil(full.length / 5) }, (_, i) =>
      full.subarray(i * 5, i * 5 + 5),
    );
    expect(run(chunks)).toEqual([...audio]);
  });

  it('does not swallow a short stream that merely starts like "RI"', () => {
    expect(run([Uint8Array.from([0x52, 0x49, 0x00])])).toEqual([0x52, 0x49, 0x00]);
  });
});
