// A cached prompt is played by many calls and replayed within them: its frames are cut and their
// base64 text (what the phone line's JSON carries) computed once, when the audio enters the
// cache, instead of once per frame per call at send time.
import { MULAW_SILENCE } from './mulaw';
import { FRAME_BYTES } from './frames';

/**
 * One 20 ms frame with its base64 text. Shaped as the pacer's media item (`kind: 'media'`), so
 * a cached prompt's frames are queued as they are: nothing is allocated per frame per call.
 */
export interface EncodedFrame {
  readonly kind: 'media';
  readonly frame: Uint8Array;
  readonly base64: string;
}

/**
 * The audio cut into 20 ms frames as `FrameSplitter` cuts it (the last one padded with silence),
 * each with its base64. Whole frames are views of `audio`, not copies.
 */
export function encodeFrames(audio: Uint8Array): EncodedFrame[] {
  const frames: EncodedFrame[] = [];
  for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) {
    const frame =
      offset + FRAME_BYTES <= audio.length
        ? audio.subarray(offset, offset + FRAME_BYTES)
        : padded(audio.subarray(offset));
    frames.push({ kind: 'media', frame, base64: base64Of(frame) });
  }
  return frames;
}

/** The bytes the frames add to their audio: the base64 text (one byte per character) and the padding. */
export function encodedBytes(frames: readonly EncodedFrame[], audio: Uint8Array): number {
  let bytes = frames.length * FRAME_BYTES - audio.length;
  for (const f of frames) bytes += f.base64.length;
  return bytes;
}

/** Base64 of a frame, as the Twilio codec writes it (Node's encoder). */
export function base64Of(frame: Uint8Array): string {
  return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
}

function padded(rest: Uint8Array): Uint8Array {
  const frame = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
  frame.set(rest);
  return frame;
}
