// Deterministic speech-like μ-law audio (voiced tones with a syllable rhythm) and silence.
// Used by the fake providers, the caller harness and the benchmarks: it trips energy-based
// voice activity detection like a real voice does, without any recording of a real person.
import { FRAME_BYTES, SAMPLE_RATE } from './frames';
import { MULAW_SILENCE, mulawEncode } from './mulaw';

export interface SyntheticSpeechOptions {
  /** Changes pitch and rhythm so different "speakers" are distinguishable. */
  readonly seed?: number;
  /** Peak amplitude (16-bit linear). */
  readonly amplitude?: number;
}

/** `ms` of voiced audio, rounded up to whole samples. */
export function syntheticSpeech(ms: number, options: SyntheticSpeechOptions = {}): Uint8Array {
  const seed = options.seed ?? 1;
  const amplitude = options.amplitude ?? 9000;
  const pitch = 110 + ((seed * 37) % 120); // 110–230 Hz, adult voices
  const syllableHz = 3.5 + (seed % 5) * 0.3;
  const samples = Math.ceil((ms * SAMPLE_RATE) / 1000);
  const out = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) {
    const t = i / SAMPLE_RATE;
    // The envelope never reaches zero inside a segment: real syllables blur into each other.
    const envelope = 0.65 + 0.35 * Math.sin(2 * Math.PI * syllableHz * t);
    const voice =
      Math.sin(2 * Math.PI * pitch * t) +
      0.5 * Math.sin(2 * Math.PI * 2 * pitch * t) +
      0.25 * Math.sin(2 * Math.PI * 3 * pitch * t);
    out[i] = mulawEncode((amplitude * envelope * voice) / 1.75);
  }
  return out;
}

/** `ms` of μ-law digital silence. */
export function silence(ms: number): Uint8Array {
  return new Uint8Array(Math.ceil((ms * SAMPLE_RATE) / 1000)).fill(MULAW_SILENCE);
}

/** How long a synthetic voice takes to say `text` (about 14 characters per second). */
export function speakingTimeMs(text: string): number {
  return Math.max(200, Math.round(text.trim().length * 70));
}

/** Cuts audio into 20 ms frames, padding the last with silence. */
export function toFrames(audio: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) {
    const frame = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
    frame.set(audio.subarray(offset, Math.min(audio.length, offset + FRAME_BYTES)));
    frames.push(frame);
  }
  return frames;
}
