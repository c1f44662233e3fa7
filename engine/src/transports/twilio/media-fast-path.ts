// The fast path for the one message Twilio sends 50 times a second per call: `media`. Instead of
// a full JSON parse, a string per message and a fresh buffer per frame, the payload is located in
// the socket's bytes and decoded by Node's base64 decoder (the one `parseTwilioMessage` uses, so
// the bytes are the same) into one buffer per socket. Only Twilio's own compact shape is taken
// (`{"event":"media",…,"media":{…,"payload":"<base64>"…}…}`); anything else — other events,
// other spacing, escapes — returns null and goes through `parseTwilioMessage`; on Twilio's
// messages both give the same audio (media-fast-path.test.ts). It does not validate the rest of
// the JSON: audio only reaches a session after a verified stream token, and a malformed message
// then costs at most one frame of odd audio.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const MEDIA_HEAD = Buffer.from('{"event":"media",', 'latin1');
const MEDIA_KEY = Buffer.from('"media":{', 'latin1');
const PAYLOAD_KEY = Buffer.from('"payload":"', 'latin1');

/** Reads `media` frames of one socket into one reused buffer. */
export class MediaFrameReader {
  private buffer = Buffer.alloc(1024);

  /**
   * The audio of a `media` message in Twilio's compact shape, or null (parse it in full). The
   * view is valid until the next call: whoever keeps audio must copy it.
   */
  read(data: Buffer): Uint8Array | null {
    if (
      data.length < MEDIA_HEAD.length ||
      data.compare(MEDIA_HEAD, 0, MEDIA_HEAD.length, 0, MEDIA_HEAD.length) !== 0
    )
      return null;
    const media = data.indexOf(MEDIA_KEY, MEDIA_HEAD.length);
    if (media < 0) return null;
    const key = data.indexOf(PAYLOAD_KEY, media + MEDIA_KEY.length);
    if (key < 0) return null;
    // The payload must be a direct field of `media`, not of an object nested in it.
    for (let i = media + MEDIA_KEY.length; i < key; i++)
      if (data[i] === OPEN_BRACE || data[i] === CLOSE_BRACE) return null;
    const start = key + PAYLOAD_KEY.length;
    const end = data.indexOf(QUOTE, start);
    if (end < 0 || data[data.length - 1] !== CLOSE_BRACE) return null;
    const escape = data.indexOf(BACKSLASH, start);
    if (escape >= 0 && escape < end) return null;
    const room = Math.ceil(((end - start) * 3) / 4);
    if (room > this.buffer.length) this.buffer = Buffer.alloc(room);
    const bytes = this.buffer.write(data.toString('latin1', start, end), 0, 'base64');
    return this.buffer.subarray(0, bytes);
  }
}
