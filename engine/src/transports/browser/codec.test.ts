import { describe, expect, it } from 'vitest';
import { parseBrowserMessage } from './codec';

describe('browser test-call codec', () => {
  it('takes a 20 ms μ-law frame as audio, and nothing else as binary', () => {
    const frame = new Uint8Array(160).fill(0xff);
    expect(parseBrowserMessage(frame)).toEqual({ ok: true, message: { type: 'audio', frame } });
    expect(parseBrowserMessage(new Uint8Array(320))).toEqual({ ok: false, reason: 'frame_size' });
  });

  it.each([
    ['{"type":"start","ticket":"abc"}', { type: 'start', ticket: 'abc' }],
    [
      '{"type":"played","name":"begruessung/disclosure#1"}',
      { type: 'played', name: 'begruessung/disclosure#1' },
    ],
    ['{"type":"dtmf","digit":"#"}', { type: 'dtmf', digit: '#' }],
    ['{"type":"transfer","outcome":"no-answer"}', { type: 'transfer', outcome: 'no-answer' }],
    ['{"type":"hangup"}', { type: 'hangup' }],
  ])('parses %s', (text, message) => {
    expect(parseBrowserMessage(text)).toEqual({ ok: true, message });
  });

  it.each([
    ['{"type":"dtmf","digit":"12"}', 'bad_digit'],
    ['{"type":"transfer","outcome":"busy"}', 'bad_outcome'],
    ['{"type":"start"}', 'bad_ticket'],
    ['{"type":"played","name":"Frau Müller"}', 'bad_mark'],
    ['{"type":"say","text":"Frau Müller"}', 'unknown_type'],
    ['Frau Müller', 'not_json'],
    ['null', 'not_object'],
  ])('refuses %s without quoting it', (text, reason) => {
    const parsed = parseBrowserMessage(text);
    expect(parsed).toEqual({ ok: false, reason });
    expect(JSON.stringify(parsed)).not.toContain('Müller');
  });
});
