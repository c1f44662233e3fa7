import { describe, expect, it } from 'vitest';
import { EnergyVad, frameRms } from './energy';
import { silence, syntheticSpeech, toFrames } from './synthetic-speech';

function run(vad: EnergyVad, audio: Uint8Array): { index: number; what: string }[] {
  const out: { index: number; what: string }[] = [];
  toFrames(audio).forEach((frame, index) => {
    const t = vad.push(frame);
    if (t) out.push({ index, what: t });
  });
  return out;
}

describe('energy voice activity detection', () => {
  it('sees silence as silent and synthetic speech as loud', () => {
    expect(frameRms(silence(20))).toBe(0);
    for (const frame of toFrames(syntheticSpeech(1000, { seed: 3 })))
      expect(frameRms(frame)).toBeGreaterThan(1000);
  });

  it('finds each speech segment once, with begin after 2 frames and end after the hangover', () => {
    const audio = Buffer.concat([
      silence(200),
      syntheticSpeech(600),
      silence(600),
      syntheticSpeech(400, { seed: 2 }),
      silence(600),
    ]);
    const transitions = run(new EnergyVad({ hangoverFrames: 15 }), audio);
    expect(transitions).toEqual([
      { index: 11, what: 'begin' },
      // Frames 0–9 silent, 10–39 speech, 40–69 silent, 70–89 speech.
      { index: 40 + 14, what: 'end' },
      { index: 70 + 1, what: 'begin' },
      { index: 90 + 14, what: 'end' },
    ]);
  });

  it('ignores a single click', () => {
    const click = new Uint8Array(160).fill(0x00);
    const audio = Buffer.concat([silence(100), click, silence(400)]);
    expect(run(new EnergyVad(), audio)).toEqual([]);
  });
});
