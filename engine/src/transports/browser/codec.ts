// Pure: the designer's test-call socket ⇄ events. Audio travels as binary frames of raw μ-law
// 8 kHz, one 20 ms frame (160 bytes) per message, both ways — the phone path's format, so the
// session cannot tell a browser from a phone. Everything else is small JSON text messages.
// Parse errors return a reason that never quotes what was sent.
import { FRAME_BYTES } from '../../audio/frames';
import type { HandoffResult } from '../../flow/interpreter';

/** What the page sends. */
export type BrowserInbound =
  | { readonly type: 'start'; readonly ticket: string }
  | { readonly type: 'audio'; readonly frame: Uint8Array }
  /** The page played everything before this mark (the phone path's mark echo). */
  | { readonly type: 'played'; readonly name: string }
  | { readonly type: 'dtmf'; readonly digit: string }
  /** The simulated transfer's outcome, as the person testing chose it. */
  | { readonly type: 'transfer'; readonly outcome: Extract<HandoffResult, 'answered' | 'no-answer'> }
  | { readonly type: 'hangup' };

/** What the server sends besides audio frames. */
export type BrowserOutbound =
  | {
      readonly type: 'started';
      readonly txId: string;
      readonly maxSeconds: number;
      readonly delivers: boolean;
    }
  | { readonly type: 'mark'; readonly name: string }
  /** Barge-in: drop what is buffered, echo pending marks. */
  | { readonly type: 'clear' }
  /** The step the call is in now (the canvas highlights it). */
  | { readonly type: 'step'; readonly node: string }
  /** What the recognizer understood (or the key pressed): shown to the person testing only. */
  | { readonly type: 'heard'; readonly text?: string; readonly digit?: string }
  | { readonly type: 'transfer'; readonly target: string }
  | { readonly type: 'ended'; readonly reason: EndReason };

export type EndReason = 'completed' | 'hangup' | 'time_limit' | 'error';

export type ParseResult = { ok: true; message: BrowserInbound } | { ok: false; reason: string };

const MAX_TEXT = 512;
const DIGIT = /^[0-9*#]$/;
const MARK = /^[A-Za-z0-9_./#:-]{1,128}$/;

export function parseBrowserMessage(data: string | Uint8Array): ParseResult {
  if (typeof data !== 'string') {
    return data.length === FRAME_BYTES
      ? { ok: true, message: { type: 'audio', frame: data } }
      : { ok: false, reason: 'frame_size' };
  }
  if (data.length > MAX_TEXT) return { ok: false, reason: 'too_long' };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'not_object' };
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'start':
      return typeof m.ticket === 'string' && m.ticket.length > 0 && m.ticket.length <= 128
        ? { ok: true, message: { type: 'start', ticket: m.ticket } }
        : { ok: false, reason: 'bad_ticket' };
    case 'played':
      return typeof m.name === 'string' && MARK.test(m.name)
        ? { ok: true, message: { type: 'played', name: m.name } }
        : { ok: false, reason: 'bad_mark' };
    case 'dtmf':
      return typeof m.digit === 'string' && DIGIT.test(m.digit)
        ? { ok: true, message: { type: 'dtmf', digit: m.digit } }
        : { ok: false, reason: 'bad_digit' };
    case 'transfer':
      return m.outcome === 'answered' || m.outcome === 'no-answer'
        ? { ok: true, message: { type: 'transfer', outcome: m.outcome } }
        : { ok: false, reason: 'bad_outcome' };
    case 'hangup':
      return { ok: true, message: { type: 'hangup' } };
    default:
      return { ok: false, reason: 'unknown_type' };
  }
}

export function encodeBrowserMessage(message: BrowserOutbound): string {
  return JSON.stringify(message);
}
