import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clearMessage, markMessage, mediaMessage, parseTwilioMessage } from './codec';

const recorded: unknown[] = JSON.parse(
  readFileSync(new URL('./fixtures/twilio-call.json', import.meta.url), 'utf8'),
);
const parse = (i: number) => parseTwilioMessage(JSON.stringify(recorded[i]));

describe('Twilio Media Streams codec: inbound', () => {
  it('parses connected', () => {
    expect(parse(0)).toEqual({
      ok: true,
      message: { type: 'connected', protocol: 'Call', version: '1.0.0' },
    });
  });

  it('parses start with call ids, custom parameters (our stream token) and the μ-law format', () => {
    const r = parse(1);
    expect(r.ok && r.message).toEqual({
      type: 'start',
      sequenceNumber: 1,
      streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0',
      callSid: 'CA8f4b2c1e9d7a6b5c4d3e2f1a0b9c8d7e',
      accountSid: 'AC00000000000000000000000000000001',
      tracks: ['inbound'],
      customParameters: { token: 'v1.eyJjYWxsIjoiQ0E4ZiJ9.c2lnbmF0dXJl' },
      mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
    });
  });

  it('parses media: string chunk/timestamp become numbers, payload becomes raw μ-law bytes', () => {
    const r = parse(2);
    if (!r.ok || r.message.type !== 'media') throw new Error('expected media');
    expect(r.message.sequenceNumber).toBe(2);
    expect(r.message.chunk).toBe(1);
    expect(r.message.timestampMs).toBe(5);
    expect(r.message.audio).toHaveLength(160);
    expect(r.message.audio.every((b) => b === 0xff)).toBe(true);
  });

  it('parses dtmf, mark and stop', () => {
    expect(parse(3)).toMatchObject({ ok: true, message: { type: 'dtmf', digit: '0', sequenceNumber: 3 } });
    expect(parse(4)).toMatchObject({ ok: true, message: { type: 'mark', name: 'prompt-1' } });
    expect(parse(5)).toMatchObject({
      ok: true,
      message: { type: 'stop', callSid: 'CA8f4b2c1e9d7a6b5c4d3e2f1a0b9c8d7e' },
    });
  });

  it.each([
    ['not json', 'not JSON'],
    ['[1,2]', 'not an object'],
    ['{"event":"media","media":{}}', 'media without payload'],
    ['{"event":"dtmf","dtmf":{"digit":"x"}}', 'dtmf without a valid digit'],
    ['{"event":"start","start":{"streamSid":"MZ1"}}', 'start without streamSid or callSid'],
    ['{"event":"mark","mark":{}}', 'mark without name'],
  ])('rejects malformed input %s without throwing', (text, reason) => {
    expect(parseTwilioMessage(text)).toEqual({ ok: false, reason });
  });

  it('does not echo unknown event names at length into the reason (no caller content in logs)', () => {
    const r = parseTwilioMessage(JSON.stringify({ event: 'x'.repeat(500) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeLessThan(60);
  });
});

describe('Twilio Media Streams codec: outbound', () => {
  it('builds media with base64 raw μ-law and no WAV header', () => {
    const frame = new Uint8Array(160).fill(0x7e);
    const msg = JSON.parse(mediaMessage('MZ1', frame.subarray(0, 160)));
    expect(msg).toEqual({
      event: 'media',
      streamSid: 'MZ1',
      media: { payload: Buffer.from(frame).toString('base64') },
    });
  });

  it('encodes only the viewed part of a sliced buffer', () => {
    const big = Uint8Array.from({ length: 320 }, (_, i) => i % 256);
    const msg = JSON.parse(mediaMessage('MZ1', big.subarray(160, 320)));
    expect([...Buffer.from(msg.media.payload, 'base64')]).toEqual([...big.subarray(160, 320)]);
  });

  it('builds mark and clear', () => {
    expect(JSON.parse(markMessage('MZ1', 'p1'))).toEqual({
      event: 'mark',
      streamSid: 'MZ1',
      mark: { name: 'p1' },
    });
    expect(JSON.parse(clearMessage('MZ1'))).toEqual({ event: 'clear', streamSid: 'MZ1' });
  });
});
