// Pure codec for Twilio Media Streams: inbound JSON text frames → typed events, and the
// outbound messages we send. No sockets here; the route only wires this to a CallSession.
// Twilio sends numbers as strings (sequenceNumber, chunk, timestamp): we parse them once here.

export interface TwilioMediaFormat {
  readonly encoding: string;
  readonly sampleRate: number;
  readonly channels: number;
}

export type TwilioInbound =
  | { readonly type: 'connected'; readonly protocol: string; readonly version: string }
  | {
      readonly type: 'start';
      readonly sequenceNumber: number;
      readonly streamSid: string;
      readonly callSid: string;
      readonly accountSid: string;
      readonly tracks: readonly string[];
      readonly customParameters: Readonly<Record<string, string>>;
      readonly mediaFormat: TwilioMediaFormat;
    }
  | {
      readonly type: 'media';
      readonly sequenceNumber: number;
      readonly streamSid: string;
      readonly track: string;
      readonly chunk: number;
      /** Milliseconds since the stream started. */
      readonly timestampMs: number;
      /** Raw μ-law 8 kHz. */
      readonly audio: Uint8Array;
    }
  | {
      readonly type: 'dtmf';
      readonly sequenceNumber: number;
      readonly streamSid: string;
      readonly digit: string;
    }
  | {
      readonly type: 'mark';
      readonly sequenceNumber: number;
      readonly streamSid: string;
      readonly name: string;
    }
  | {
      readonly type: 'stop';
      readonly sequenceNumber: number;
      readonly streamSid: string;
      readonly callSid: string;
    };

export type ParseResult =
  { readonly ok: true; readonly message: TwilioInbound } | { readonly ok: false; readonly reason: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number.parseInt(str(v), 10);
  return Number.isFinite(n) ? n : -1;
};

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

function parseStart(m: Json): ParseResult {
  const start = m.start;
  if (!isObject(start)) return { ok: false, reason: 'start without start object' };
  const format = isObject(start.mediaFormat) ? start.mediaFormat : {};
  const streamSid = str(m.streamSid) || str(start.streamSid);
  const callSid = str(start.callSid);
  if (!streamSid || !callSid) return { ok: false, reason: 'start without streamSid or callSid' };
  return {
    ok: true,
    message: {
      type: 'start',
      sequenceNumber: num(m.sequenceNumber),
      streamSid,
      callSid,
      accountSid: str(start.accountSid),
      tracks: Array.isArray(start.tracks) ? start.tracks.map(str) : [],
      customParameters: stringRecord(start.customParameters),
      mediaFormat: {
        encoding: str(format.encoding),
        sampleRate: num(format.sampleRate),
        channels: num(format.channels),
      },
    },
  };
}

function parseMedia(m: Json): ParseResult {
  const media = m.media;
  if (!isObject(media) || typeof media.payload !== 'string')
    return { ok: false, reason: 'media without payload' };
  return {
    ok: true,
    message: {
      type: 'media',
      sequenceNumber: num(m.sequenceNumber),
      streamSid: str(m.streamSid),
      track: str(media.track) || 'inbound',
      chunk: num(media.chunk),
      timestampMs: num(media.timestamp),
      audio: new Uint8Array(Buffer.from(media.payload, 'base64')),
    },
  };
}

function parseObject(m: Json): ParseResult {
  const sequenceNumber = num(m.sequenceNumber);
  const streamSid = str(m.streamSid);
  switch (m.event) {
    case 'connected':
      return { ok: true, message: { type: 'connected', protocol: str(m.protocol), version: str(m.version) } };
    case 'start':
      return parseStart(m);
    case 'media':
      return parseMedia(m);
    case 'dtmf': {
      const digit = isObject(m.dtmf) ? str(m.dtmf.digit) : '';
      if (!/^[0-9*#A-D]$/.test(digit)) return { ok: false, reason: 'dtmf without a valid digit' };
      return { ok: true, message: { type: 'dtmf', sequenceNumber, streamSid, digit } };
    }
    case 'mark': {
      const name = isObject(m.mark) ? str(m.mark.name) : '';
      if (!name) return { ok: false, reason: 'mark without name' };
      return { ok: true, message: { type: 'mark', sequenceNumber, streamSid, name } };
    }
    case 'stop': {
      const callSid = isObject(m.stop) ? str(m.stop.callSid) : '';
      return { ok: true, message: { type: 'stop', sequenceNumber, streamSid, callSid } };
    }
    default:
      return { ok: false, reason: `unknown event ${JSON.stringify(str(m.event)).slice(0, 40)}` };
  }
}

/** Parses one WebSocket text frame from Twilio. Never throws. */
export function parseTwilioMessage(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isObject(value)) return { ok: false, reason: 'not an object' };
  return parseObject(value);
}

/** `media`: one frame of μ-law 8 kHz audio for the caller (no WAV header). */
export function mediaMessage(streamSid: string, audio: Uint8Array): string {
  const payload = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64');
  return JSON.stringify({ event: 'media', streamSid, media: { payload } });
}

/**
 * The `media` messages of one stream, byte for byte what `mediaMessage` writes: the part before the
 * payload is built once per stream, and a frame whose base64 was computed ahead (a cached prompt's)
 * is joined in as it is, without encoding or JSON-serialising anything per frame.
 */
export function mediaMessages(streamSid: string): (audio: Uint8Array, base64?: string) => string {
  const prefix = `{"event":"media","streamSid":${JSON.stringify(streamSid)},"media":{"payload":"`;
  return (audio, base64) =>
    prefix +
    (base64 ?? Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64')) +
    '"}}';
}

/** Sends one stream's `media` messages (`mediaMessages`) with `send`: the media socket's sink. */
export function mediaSender(
  streamSid: string,
  send: (text: string) => void,
): (audio: Uint8Array, base64?: string) => void {
  const message = mediaMessages(streamSid);
  return (audio, base64) => send(message(audio, base64));
}

/** `mark`: echoed back by Twilio once all audio sent before it has played. */
export function markMessage(streamSid: string, name: string): string {
  return JSON.stringify({ event: 'mark', streamSid, mark: { name } });
}

/** `clear`: Twilio drops buffered audio and echoes pending marks (barge-in). */
export function clearMessage(streamSid: string): string {
  return JSON.stringify({ event: 'clear', streamSid });
}
