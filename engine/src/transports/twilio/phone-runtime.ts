// The long-lived parts the phone routes share across calls: provider clients built once from
// the configuration, the stream-token key, the prompt cache, and short-lived whisper texts.
// Built by main.ts (or a test) and handed to createApp as `deps.phone`.
import type { PhoneConfig } from '../../config/config';
import type { Extractor } from '../../ports/extractor';
import type { SpeechToText } from '../../ports/speech-to-text';
import type { Telephony } from '../../ports/telephony';
import type { TextToSpeech } from '../../ports/text-to-speech';
import { ElevenLabsTextToSpeech } from '../../providers/elevenlabs/text-to-speech';
import { GoogleSpeechToText } from '../../providers/google/speech-to-text';
import { OpenAIExtractor } from '../../providers/openai/index';
import { TwilioTelephony } from '../../providers/twilio/telephony';
import { MemoryPromptCache, type PromptCache } from '../../runtime/prompt-cache';
import { streamTokenKey } from './stream-token';

const WHISPER_TTL_MS = 5 * 60_000;

export interface PhoneRuntime {
  readonly authToken: string;
  readonly tokenKey: Buffer;
  readonly stt: SpeechToText;
  readonly tts: TextToSpeech;
  readonly telephony: Telephony;
  readonly extractor?: Extractor;
  readonly voiceId: string;
  readonly cache: PromptCache;
  /** Whisper texts by random id, RAM only, taken once (they may summarise the caller's concern). */
  readonly whispers: Map<string, { text: string; language: string; expiresAt: number }>;
  /** Caller ID by CallSid, from the voice webhook until the stream starts (RAM only, ≤ token lifetime). */
  readonly callers: Map<string, { number: string; expiresAt: number }>;
  /** How far audio may run ahead of playback; tests whose caller plays faster than real time raise it. */
  readonly leadMs?: number;
  /** Close sockets without a valid `start` after this long (default 10 s; tests shorten it). */
  readonly startTimeoutMs?: number;
  close(): Promise<void>;
}

export function createPhoneRuntime(config: PhoneConfig, masterKey: Buffer, options: { leadMs?: number; startTimeoutMs?: number } = {}): PhoneRuntime {
  const stt = new GoogleSpeechToText({
    ...(config.google.endpoint ? { endpoint: config.google.endpoint } : {}),
    insecure: config.google.insecure,
    ...(config.google.keyFilename ? { keyFilename: config.google.keyFilename } : {}),
  });
  return {
    authToken: config.twilio.authToken,
    tokenKey: streamTokenKey(masterKey),
    stt,
    tts: new ElevenLabsTextToSpeech({ apiKey: config.elevenlabs.apiKey, ...(config.elevenlabs.baseUrl ? { baseUrl: config.elevenlabs.baseUrl } : {}) }),
    telephony: new TwilioTelephony(config.twilio),
    ...(config.openai ? { extractor: new OpenAIExtractor(config.openai) } : {}),
    voiceId: config.elevenlabs.voiceId,
    cache: new MemoryPromptCache(),
    whispers: new Map(),
    callers: new Map(),
    ...(options.leadMs !== undefined ? { leadMs: options.leadMs } : {}),
    ...(options.startTimeoutMs !== undefined ? { startTimeoutMs: options.startTimeoutMs } : {}),
    close: () => stt.close(),
  };
}

/** Keeps a whisper text for the <Number url> fetch; expired ones are dropped on the way. */
export function rememberWhisper(runtime: PhoneRuntime, id: string, text: string, language: string, now: number): void {
  for (const [key, w] of runtime.whispers) if (w.expiresAt <= now) runtime.whispers.delete(key);
  runtime.whispers.set(id, { text, language, expiresAt: now + WHISPER_TTL_MS });
}

/** Remembers the caller ID of a call about to stream; expired entries are dropped on the way. */
export function rememberCaller(runtime: PhoneRuntime, callSid: string, number: string, expiresAt: number, now: number): void {
  for (const [key, c] of runtime.callers) if (c.expiresAt <= now) runtime.callers.delete(key);
  runtime.callers.set(callSid, { number, expiresAt });
}

/** The caller ID for this call, once (the entry is removed). */
export function takeCaller(runtime: PhoneRuntime, callSid: string, now: number): string | undefined {
  const entry = runtime.callers.get(callSid);
  runtime.callers.delete(callSid);
  return entry && entry.expiresAt > now ? entry.number : undefined;
}
