// Plays raw μ-law 8 kHz (what a caller hears, e.g. the voice picker's „Probehören") through the
// page's audio output. The browser resamples the 8 kHz buffer to its own rate; nothing is stored.
import { MULAW_DECODE_TABLE } from '../../../../../engine/src/audio/mulaw';

export const CALL_SAMPLE_RATE = 8000;

/** μ-law bytes → linear samples in −1…1. */
export function mulawToFloat(
  bytes: Uint8Array,
  out: Float32Array<ArrayBuffer> = new Float32Array(bytes.length),
): Float32Array<ArrayBuffer> {
  for (let i = 0; i < bytes.length; i++) out[i] = MULAW_DECODE_TABLE[bytes[i]] / 32768;
  return out;
}

export interface Playing {
  /** Resolves when the audio has played to its end (or was stopped). */
  readonly done: Promise<void>;
  stop(): void;
}

export function playMulaw(audio: Uint8Array): Playing {
  const context = new AudioContext();
  const buffer = context.createBuffer(1, Math.max(1, audio.length), CALL_SAMPLE_RATE);
  buffer.copyToChannel(mulawToFloat(audio), 0);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  const done = new Promise<void>((resolve) => {
    source.onended = () => {
      void context.close();
      resolve();
    };
  });
  source.start();
  return { done, stop: () => source.stop() };
}
