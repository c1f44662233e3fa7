// Twilio's wire messages as the caller harness writes and reads them, without a JSON object per
// frame: a load worker runs hundreds of callers, and what they spend the server under test lacks
// (they share the machine). The inbound `media` message is byte for byte Twilio's JSON, the
// engine's `media` is recognised by its prefix, and the TwiML answer is read for its <Stream>.

export interface WebhookAnswer {
  readonly status: number;
  readonly body: string;
  /** The <Stream url> and its <Parameter>s, when the engine answered with <Connect><Stream>. */
  readonly stream?: { readonly url: string; readonly parameters: Record<string, string> };
}

export type Received =
  | { readonly at: number; readonly event: 'media'; readonly audio: Uint8Array }
  | { readonly at: number; readonly event: 'mark'; readonly name: string }
  | { readonly at: number; readonly event: 'clear' }
  | { readonly at: number; readonly event: 'other'; readonly raw: string };

/**
 * A media frame from the engine. Its audio is decoded when first read: a load caller only
 * times the frames, and decoding 50 frames a second for hundreds of calls was CPU the server
 * under test then lacked (the callers share the machine with it).
 */
export class ReceivedMedia implements Extract<Received, { event: 'media' }> {
  readonly event = 'media';
  private decoded: Uint8Array | undefined;

  constructor(
    readonly at: number,
    private readonly payload: string,
  ) {}

  get audio(): Uint8Array {
    this.decoded ??= new Uint8Array(Buffer.from(this.payload, 'base64'));
    return this.decoded;
  }
}

/**
 * Twilio's inbound `media` message, byte for byte what `JSON.stringify` makes of it (the engine's
 * fast path reads exactly this shape), without building and serialising an object per frame.
 */
export function inboundMediaMessage(
  streamSid: string,
  sequenceNumber: string,
  chunk: number,
  timestampMs: number,
  frame: Uint8Array,
): string {
  const payload = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
  return `{"event":"media","sequenceNumber":"${sequenceNumber}","media":{"track":"inbound","chunk":"${chunk}","timestamp":"${Math.round(timestampMs)}","payload":"${payload}"},"streamSid":${JSON.stringify(streamSid)}}`;
}

const MEDIA_PREFIX = '{"event":"media",';
const PAYLOAD_KEY = '"payload":"';

/** The payload of a `media` message in the shape the engine sends; undefined for anything else. */
export function mediaPayload(text: string): string | undefined {
  if (!text.startsWith(MEDIA_PREFIX)) return undefined;
  const from = text.indexOf(PAYLOAD_KEY);
  if (from < 0) return undefined;
  const start = from + PAYLOAD_KEY.length;
  const end = text.indexOf('"', start);
  if (end < 0) return undefined;
  const payload = text.slice(start, end);
  // base64 has no backslash: an escape means another shape, which JSON.parse reads.
  return payload.includes('\\') ? undefined : payload;
}

/** Reads <Stream url> and its <Parameter name value/> children out of TwiML. */
export function parseStream(twiml: string): WebhookAnswer['stream'] {
  const stream =
    /<Stream\b[^>]*\burl="([^"]+)"[^>]*>([\s\S]*?)<\/Stream>|<Stream\b[^>]*\burl="([^"]+)"[^>]*\/>/.exec(
      twiml,
    );
  if (!stream) return undefined;
  const parameters: Record<string, string> = {};
  for (const p of (stream[2] ?? '').matchAll(
    /<Parameter\b[^>]*\bname="([^"]*)"[^>]*\bvalue="([^"]*)"[^>]*\/>/g,
  ))
    parameters[unescape(p[1])] = unescape(p[2]);
  return { url: unescape(stream[1] ?? stream[3]), parameters };
}

function unescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
