// The phone line plays 20 ms frames: 160 bytes of μ-law at 8 kHz (Twilio Media Streams). TTS
// vendors deliver arbitrary chunk sizes, so audio is re-cut here before pacing.
import { MULAW_SILENCE } from './mulaw';

export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_BYTES = (SAMPLE_RATE * FRAME_MS) / 1000;

export function bytesToMs(bytes: number): number {
  return (bytes * 1000) / SAMPLE_RATE;
}

export class FrameSplitter {
  private pending = new Uint8Array(0);

  /** Returns every complete frame the chunk completes; keeps the remainder. */
  push(chunk: Uint8Array): Uint8Array[] {
    const data = this.pending.length ? concat(this.pending, chunk) : chunk;
    const frames: Uint8Array[] = [];
    let offset = 0;
    for (; offset + FRAME_BYTES <= data.length; offset += FRAME_BYTES) {
      frames.push(data.slice(offset, offset + FRAME_BYTES));
    }
    this.pending = data.slice(offset);
    return frames;
  }

  /** The last partial frame padded with silence (a short frame would click), or null. */
  flush(): Uint8Array | null {
    if (this.pending.length === 0) return null;
    const frame = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
    frame.set(this.pending);
    this.pending = new Uint8Array(0);
    return frame;
  }

  /** Drops the remainder (barge-in). */
  reset(): void {
    this.pending = new Uint8Array(0);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
