// A cached prompt is played by many calls and replayed within them: its frames' base64 text (what
// the phone line's JSON carries) is computed once, when the audio enters the cache, instead of
// once per frame per call at send time.
import { MULAW_SILENCE } from './mulaw';
import { FRAME_BYTES } from './frames';

/**
 * Audio cut into 20 ms frames as `FrameSplitter` cuts it, with each frame's base64. Kept compact
 * (one buffer, one string per frame): a frame's view and its pacer item are made when a call
 * queues it, so the cache holds ≈ the audio plus 4/3 of it, not an object per frame.
 */
export interface EncodedAudio {
  /** The audio padded with silence to whole frames (frame i is bytes i·160 … i·160+159). */
  readonly frames: Uint8Array;
  /** The audio's own length (without the padding). */
  readonly length: number;
  /** Base64 of each frame, as the Twilio codec writes it. */
  readonly base64: readonly string[];
}

export function encodeAudio(audio: Uint8Array): EncodedAudio {
  const count = Math.ceil(audio.length / FRAME_BYTES);
  const frames = count * FRAME_BYTES === audio.length ? audio : padded(audio, count * FRAME_BYTES);
  const base64: string[] = [];
  for (let i = 0; i < count; i++) base64.push(base64Of(frameAt(frames, i)));
  return { frames, length: audio.length, base64 };
}

/** Frame `i` of padded audio (a view, not a copy). */
export function frameAt(frames: Uint8Array, i: number): Uint8Array {
  return frames.subarray(i * FRAME_BYTES, (i + 1) * FRAME_BYTES);
}

/**
 * What one frame's text costs beyond its characters: the string's header and its slot in the
 * array (measured: 247 bytes per frame held for 216 characters, Node 20).
 */
export const TEXT_OVERHEAD_BYTES = 32;

/** What the encoding weighs: the padded audio and the base64 text (one byte per character, plus overhead). */
export function encodedBytes(encoded: EncodedAudio): number {
  let bytes = encoded.frames.length;
  for (const text of encoded.base64) bytes += text.length + TEXT_OVERHEAD_BYTES;
  return bytes;
}

/** Base64 of a frame, as the Twilio codec writes it (Node's encoder). */
export function base64Of(frame: Uint8Array): string {
  return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
}

function padded(audio: Uint8Array, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes).fill(MULAW_SILENCE);
  out.set(audio);
  return out;
}
