// TwiML documents the engine answers with. Built with the SDK's VoiceResponse so escaping is
// never hand-rolled. Every URL here must be absolute: Twilio resolves nothing for us.
import twilio from 'twilio';

export interface ConnectStreamOptions {
  /** wss:// URL of our media route; Twilio allows no query string here. */
  readonly streamUrl: string;
  /** Delivered in `start.customParameters` (our short-lived stream token goes here). */
  readonly parameters: Readonly<Record<string, string>>;
  /** Requested when we close the stream (what follows the conversation). */
  readonly actionUrl?: string;
}

/** `<Connect action><Stream url><Parameter/>…</Stream></Connect>` — the answer to an incoming call. */
export function connectStreamTwiml(options: ConnectStreamOptions): string {
  if (!options.streamUrl.startsWith('wss://') && !options.streamUrl.startsWith('ws://')) {
    throw new Error('stream URL must be a WebSocket URL');
  }
  if (options.streamUrl.includes('?'))
    throw new Error('Twilio drops query strings on stream URLs; use parameters');
  const response = new twilio.twiml.VoiceResponse();
  const connect = response.connect(options.actionUrl ? { action: options.actionUrl } : {});
  const stream = connect.stream({ url: options.streamUrl });
  for (const [name, value] of Object.entries(options.parameters)) stream.parameter({ name, value });
  return response.toString();
}

export interface DialOptions {
  /** E.164 number from the tenant's allow-list. */
  readonly target: string;
  /** Absolute URL of the whisper TwiML played to the person who answers. */
  readonly whisperUrl: string;
  /** Absolute URL receiving DialCallStatus (completed, no-answer, busy, failed). */
  readonly actionUrl: string;
  readonly timeoutSeconds?: number;
  readonly callerId?: string;
}

/** `<Dial action timeout><Number url=whisper>target</Number></Dial>` — the handoff to a human. */
export function dialTwiml(options: DialOptions): string {
  if (!/^\+[1-9]\d{6,14}$/.test(options.target)) throw new Error('transfer target must be an E.164 number');
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial({
    action: options.actionUrl,
    method: 'POST',
    timeout: options.timeoutSeconds ?? 25,
    ...(options.callerId ? { callerId: options.callerId } : {}),
  });
  dial.number({ url: options.whisperUrl, method: 'POST' }, options.target);
  return response.toString();
}

/** The whisper: spoken to the answering person only, before the caller is connected. */
export function whisperTwiml(text: string, language: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say({ language: language as never }, text);
  return response.toString();
}

/** A spoken error and hangup, for calls we cannot serve (unknown number, not configured). */
export function sayAndHangupTwiml(text: string, language: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say({ language: language as never }, text);
  response.hangup();
  return response.toString();
}
