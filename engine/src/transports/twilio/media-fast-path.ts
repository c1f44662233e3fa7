// The fast path for the one message Twilio sends 50 times a second per call: `media`. Instead of
// a full JSON parse, a string per message and a fresh buffer per frame, the payload's base64 is
// decoded straight from the socket's bytes into one buffer per socket. Only Twilio's own compact
// shape is taken (`{"event":"media",…,"media":{…,"payload":"<base64>"…}…}`); anything else —
// other events, other spacing, unusual base64 — returns null and goes through
// `parseTwilioMessage`; on Twilio's messages both give the same audio (media-fast-path.test.ts).
// It does not validate the rest of the JSON: audio only reaches a session after a verified
// stream token, and a malformed message then costs at most one frame of odd audio.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const PAD = 0x3d; // '='

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const MEDIA_HEAD = ascii('{"event":"media",');
const MEDIA_KEY = ascii('"media":{');
const PAYLOAD_KEY = ascii('"payload":"');

/** Standard base64 alphabet → 6-bit value; -1 for anything else. */
const SEXTET = new Int8Array(256).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries())
  SEXTET[c.charCodeAt(0)] = i;

function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix[i]) return false;
  return true;
}

function indexOf(data: Uint8Array, needle: Uint8Array, from: number): number {
  const last = data.length - needle.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (data[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Decodes canonical, padded base64 in `src[start, end)` into `out`; returns the byte count, or
 * -1 when the text is not plain padded base64 or `out` is too small.
 */
export function decodeBase64Into(src: Uint8Array, start: number, end: number, out: Uint8Array): number {
  const length = end - start;
  if (length % 4 !== 0) return -1;
  if (length === 0) return 0;
  const pad = src[end - 1] !== PAD ? 0 : src[end - 2] === PAD ? 2 : 1;
  const bytes = (length / 4) * 3 - pad;
  if (bytes > out.length) return -1;
  let o = 0;
  for (let i = start; i < end; i += 4) {
    const a = SEXTET[src[i]];
    const b = SEXTET[src[i + 1]];
    const lastQuad = i + 4 === end;
    const c = lastQuad && pad === 2 ? 0 : SEXTET[src[i + 2]];
    const d = lastQuad && pad >= 1 ? 0 : SEXTET[src[i + 3]];
    if ((a | b | c | d) < 0) return -1;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < bytes) out[o++] = (n >> 8) & 0xff;
    if (o < bytes) out[o++] = n & 0xff;
  }
  return bytes;
}

/** Reads `media` frames of one socket into one reused buffer. */
export class MediaFrameReader {
  private buffer = new Uint8Array(1024);

  /**
   * The audio of a `media` message in Twilio's compact shape, or null (parse it in full). The
   * view is valid until the next call: whoever keeps audio must copy it.
   */
  read(data: Uint8Array): Uint8Array | null {
    if (!startsWith(data, MEDIA_HEAD)) return null;
    const media = indexOf(data, MEDIA_KEY, MEDIA_HEAD.length);
    if (media < 0) return null;
    const key = indexOf(data, PAYLOAD_KEY, media + MEDIA_KEY.length);
    if (key < 0) return null;
    // The payload must be a direct field of `media`, not of an object nested in it.
    for (let i = media + MEDIA_KEY.length; i < key; i++)
      if (data[i] === OPEN_BRACE || data[i] === CLOSE_BRACE) return null;
    const start = key + PAYLOAD_KEY.length;
    let end = start;
    while (end < data.length && data[end] !== QUOTE) {
      if (data[end] === BACKSLASH) return null;
      end++;
    }
    if (end >= data.length || data[data.length - 1] !== CLOSE_BRACE) return null;
    const needed = ((end - start) / 4) * 3;
    if (needed > this.buffer.length) this.buffer = new Uint8Array(Math.ceil(needed));
    const bytes = decodeBase64Into(data, start, end, this.buffer);
    return bytes < 0 ? null : this.buffer.subarray(0, bytes);
  }
}
