import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mediaMessage, parseTwilioMessage } from './codec';
import { MediaFrameReader } from './media-fast-path';

const recorded: unknown[] = JSON.parse(
  readFileSync(new URL('./fixtures/twilio-call.json', import.meta.url), 'utf8'),
);
const bytes = (text: string) => Buffer.from(text, 'utf8');

/** What the full codec makes of a message: the media audio, or null for anything else. */
function fullParse(text: string): Uint8Array | null {
  const parsed = parseTwilioMessage(text);
  return parsed.ok && parsed.message.type === 'media' ? parsed.message.audio : null;
}

/** Twilio's inbound media message with `audio` as payload, in Twilio's field order. */
function twilioMedia(audio: Uint8Array, seq = 2): string {
  const payload = Buffer.from(audio).toString('base64');
  return `{"event":"media","sequenceNumber":"${seq}","media":{"track":"inbound","chunk":"${seq - 1}","timestamp":"${seq * 20}","payload":"${payload}"},"streamSid":"MZ18ad3ab5a668481ce02b83e7395059f0"}`;
}

describe('media fast path: the same audio as parseTwilioMessage, without the full parse', () => {
  it('agrees with the codec on every recorded Twilio message (media decoded, the rest left to the codec)', () => {
    const reader = new MediaFrameReader();
    for (const message of recorded) {
      const text = JSON.stringify(message);
      const fast = reader.read(bytes(text));
      const full = fullParse(text);
      if (full) expect(fast && [...fast]).toEqual([...full]);
      else expect(fast).toBeNull();
    }
    expect(recorded.some((m) => fullParse(JSON.stringify(m)))).toBe(true);
  });

  it('agrees with the codec on frames of every length and content (padding 0, 1 and 2)', () => {
    const reader = new MediaFrameReader();
    for (let length = 0; length <= 400; length += 7) {
      const audio = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const text = twilioMedia(audio);
      expect([...(reader.read(bytes(text)) ?? [-1])]).toEqual([...(fullParse(text) ?? [])]);
    }
  });

  it('reuses one buffer: the previous view is overwritten by the next frame (callers copy what they keep)', () => {
    const reader = new MediaFrameReader();
    const first = reader.read(bytes(twilioMedia(new Uint8Array(160).fill(1))));
    const second = reader.read(bytes(twilioMedia(new Uint8Array(160).fill(2))));
    expect(second?.buffer).toBe(first?.buffer);
    expect(first?.[0]).toBe(2);
  });

  it('leaves other shapes to the full parse: pretty JSON, escapes, nested payloads, other events', () => {
    const reader = new MediaFrameReader();
    const compact = twilioMedia(new Uint8Array(160).fill(0x7f));
    const cases = [
      JSON.stringify(JSON.parse(compact), null, 2),
      compact.replace('"payload":"', '"payload":"\\u0041'),
      compact.replace('"track":"inbound"', '"track":{"payload":"AAAA"}'),
      compact.replace('"event":"media"', '"event":"mark"'),
      compact.slice(0, -1),
    ];
    for (const text of cases) expect(reader.read(bytes(text))).toBeNull();
  });

  it('decodes odd base64 exactly as the full parse does (the same decoder)', () => {
    const reader = new MediaFrameReader();
    const compact = twilioMedia(new Uint8Array(160).fill(0x7f));
    for (const payload of ['AAA', 'QQ-_', 'QQ=A', 'Q Q=', '']) {
      const text = compact.replace(/"payload":"[^"]*"/, `"payload":"${payload}"`);
      expect([...(reader.read(bytes(text)) ?? [-1])]).toEqual([...(fullParse(text) ?? [])]);
    }
    // Our own outbound message has Twilio's compact shape too: both paths read the same audio.
    const own = mediaMessage('MZ1', new Uint8Array(160).fill(3));
    expect([...(reader.read(bytes(own)) ?? [])]).toEqual([...(fullParse(own) ?? [-1])]);
  });
});
