// Whether ElevenLabs puts a WAV header before ulaw_8000 audio is unverified, and a header
// played as μ-law is an audible click. This strips a leading RIFF…"data"<size> header, even
// when it arrives split across chunks; anything else passes through untouched.

const RIFF = [0x52, 0x49, 0x46, 0x46]; // "RIFF"
/** RIFF headers with a few extra chunks stay well below this. */
const MAX_HEADER_BYTES = 512;

export class WavHeaderStripper {
  private head: Uint8Array = new Uint8Array(0);
  private decided = false;

  /** Returns the audio bytes of this chunk (possibly empty while the header is still arriving). */
  push(chunk: Uint8Array): Uint8Array {
    if (this.decided) return chunk;
    const data = concat(this.head, chunk);
    if (!startsWithRiff(data)) return this.pass(data);
    const audioStart = dataChunkStart(data);
    if (audioStart !== null) return this.pass(data.subarray(audioStart));
    if (data.length > MAX_HEADER_BYTES) return this.pass(data); // not a header we understand
    this.head = data;
    return new Uint8Array(0);
  }

  /** End of stream: whatever was held back (a short non-header start) is audio. */
  flush(): Uint8Array {
    if (this.decided) return new Uint8Array(0);
    return this.pass(this.head);
  }

  private pass(data: Uint8Array): Uint8Array {
    this.decided = true;
    this.head = new Uint8Array(0);
    return data;
  }
}

function startsWithRiff(data: Uint8Array): boolean {
  const n = Math.min(4, data.length);
  for (let i = 0; i < n; i++) if (data[i] !== RIFF[i]) return false;
  return true;
}

/** Offset of the first audio byte after the "data" chunk header, or null if not seen yet. */
function dataChunkStart(data: Uint8Array): number | null {
  let offset = 12; // "RIFF" size "WAVE"
  while (offset + 8 <= data.length) {
    const id = String.fromCharCode(data[offset], data[offset + 1], data[offset + 2], data[offset + 3]);
    if (id === 'data') return offset + 8;
    const size =
      data[offset + 4] | (data[offset + 5] << 8) | (data[offset + 6] << 16) | (data[offset + 7] << 24);
    offset += 8 + size + (size % 2);
  }
  return null;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A minimal μ-law WAV header (used by the fake server to exercise the stripper). */
export function mulawWavHeader(dataBytes: number): Uint8Array {
  const h = new DataView(new ArrayBuffer(58));
  const text = (o: number, s: string) => [...s].forEach((c, i) => h.setUint8(o + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  h.setUint32(4, 50 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  h.setUint32(16, 18, true);
  h.setUint16(20, 7, true); // WAVE_FORMAT_MULAW
  h.setUint16(22, 1, true);
  h.setUint32(24, 8000, true);
  h.setUint32(28, 8000, true);
  h.setUint16(32, 1, true);
  h.setUint16(34, 8, true);
  h.setUint16(36, 0, true);
  text(38, 'fact');
  h.setUint32(42, 4, true);
  h.setUint32(46, dataBytes, true);
  text(50, 'data');
  h.setUint32(54, dataBytes, true);
  return new Uint8Array(h.buffer);
}
