// The long-lived parts the phone routes share across calls: provider clients built once from
// the configuration, the stream-token key, the prompt cache and its warmer, short-lived whisper
// texts, and the calls parked while a transfer rings.
// Built by main.ts (or a test) and handed to createApp as `deps.phone`.
import type { PhoneConfig } from '../config/config';
import type { Extractor } from '../ports/extractor';
import type { Answerer } from '../ports/answerer';
import type { SpeechToText } from '../ports/speech-to-text';
import type { Telephony } from '../ports/telephony';
import type { TextToSpeech } from '../ports/text-to-speech';
import type { VoiceCatalog } from '../ports/voice-catalog';
import { loadElevenLabsSdk } from '../providers/elevenlabs/sdk';
import { ElevenLabsTextToSpeech } from '../providers/elevenlabs/text-to-speech';
import { ElevenLabsVoices } from '../providers/elevenlabs/voices';
import { GoogleSpeechToText } from '../providers/google/speech-to-text';
import { OpenAIAnswerer, OpenAIExtractor } from '../providers/openai/index';
import { TwilioTelephony } from '../providers/twilio/telephony';
import { systemClock } from '../ports/clock';
import type { CallSession } from '../runtime/call-session';
import { ParkingLot } from '../runtime/parking';
import { MemoryPromptCache, type PromptCache } from '../runtime/prompt-cache';
import { PromptWarmer } from '../runtime/prompt-warmer';
import { streamTokenKey } from '../transports/twilio/stream-token';
import type { TurnTaking } from '../runtime/turn-taking';
import { CachedVoiceCatalog } from './cached-voices';
import { CompiledFlowCache } from './compiled-flows';
import { UsedStreamTokens } from '../transports/twilio/used-stream-tokens';
import { DEFAULT_TEST_CALL_LIMITS, TestCallDesk } from '../transports/browser/test-call-desk';

const WHISPER_TTL_MS = 5 * 60_000;
/** How long after the ring time a parked call waits for Twilio's dial callback. */
const PARK_MARGIN_MS = 30_000;

/** A conversation waiting for its transfer's outcome (RAM only, this instance only). */
export interface ParkedCall {
  readonly session: CallSession;
  /** What a resume token for this call is signed for. */
  readonly scope: { readonly tenantId: string; readonly flowId: string; readonly version: number };
}

export interface PhoneRuntime {
  readonly authToken: string;
  readonly tokenKey: Buffer;
  /** Stream tokens already presented (RAM only): each opens one stream. */
  readonly usedTokens: UsedStreamTokens;
  readonly stt: SpeechToText;
  readonly tts: TextToSpeech;
  readonly telephony: Telephony;
  /** Is the call still up at Twilio? undefined = could not be asked (see TwilioTelephony.isLive). */
  readonly callIsLive: (callSid: string) => Promise<boolean | undefined>;
  readonly extractor?: Extractor;
  readonly answerer?: Answerer;
  /** The deployment's default voice (ELEVENLABS_VOICE_ID): a flow without its own voice speaks with it. */
  readonly voiceId: string;
  /** The voices of the account, for the designer's picker (cached, cached-voices.ts). */
  readonly voices: VoiceCatalog;
  /** ELEVENLABS_ZERO_RETENTION: zero-persistence calls ask ElevenLabs not to log caller data. */
  readonly elevenLabsZeroRetention: boolean;
  readonly cache: PromptCache;
  /** Published versions compiled once for all their calls (compiled-flows.ts). */
  readonly compiledFlows: CompiledFlowCache;
  /** Fills `cache` with static prompts ahead of calls (prewarm.ts). */
  readonly warmer: PromptWarmer;
  /** The designer's voice test calls: tickets and limits (transports/browser/). */
  readonly testCalls: TestCallDesk;
  /** Calls whose transfer is ringing, by CallSid; expiry ends the call and delivers the record. */
  readonly parked: ParkingLot<ParkedCall>;
  /** Added to the ring time for a parked call's deadline (default 30 s). */
  readonly parkMarginMs: number;
  /** Whisper texts by random id, RAM only, taken once (they may summarise the caller's concern). */
  readonly whispers: Map<string, { text: string; language: string; expiresAt: number; callSid?: string }>;
  /** Caller ID by CallSid, from the voice webhook until the stream starts (RAM only, ≤ token lifetime). */
  readonly callers: Map<string, { number: string; expiresAt: number }>;
  /** How far audio may run ahead of playback; tests whose caller plays faster than real time raise it. */
  readonly leadMs?: number;
  /** Close sockets without a valid `start` after this long (default 10 s; tests shorten it). */
  readonly startTimeoutMs?: number;
  /** Resolves once the provider SDKs are loaded: await it before taking calls (main.ts does). */
  ready(): Promise<void>;
  /** End of turn and patience with providers for every call (deployment config, then test overrides). */
  readonly turnTaking: Partial<TurnTaking>;
  close(): Promise<void>;
}

export interface PhoneRuntimeOptions {
  leadMs?: number;
  startTimeoutMs?: number;
  parkMarginMs?: number;
  /** Overrides the configured turn taking (tests shorten the silences). */
  turnTaking?: Partial<TurnTaking>;
  /** PII-free codes of failed pre-warm syntheses (for the log). */
  onWarmError?: (code: string) => void;
}

export function createPhoneRuntime(
  config: PhoneConfig,
  masterKey: Buffer,
  options: PhoneRuntimeOptions = {},
): PhoneRuntime {
  const stt = new GoogleSpeechToText({
    ...(config.google.endpoint ? { endpoint: config.google.endpoint } : {}),
    insecure: config.google.insecure,
    ...(config.google.keyFilename ? { keyFilename: config.google.keyFilename } : {}),
  });
  const elevenLabs = {
    apiKey: config.elevenlabs.apiKey,
    ...(config.elevenlabs.baseUrl ? { baseUrl: config.elevenlabs.baseUrl } : {}),
  };
  const sdk = loadElevenLabsSdk(elevenLabs);
  const tts = new ElevenLabsTextToSpeech(elevenLabs, sdk);
  const cache = new MemoryPromptCache();
  const telephony = new TwilioTelephony(config.twilio);
  // Expiry = the dial callback never came (lost, or it went to another instance): the caller is
  // gone for us; ending the session delivers the record per the flow's retention.
  const parked = new ParkingLot<ParkedCall>({ clock: systemClock, onExpire: (p) => p.session.onHangup() });
  return {
    authToken: config.twilio.authToken,
    tokenKey: streamTokenKey(masterKey),
    usedTokens: new UsedStreamTokens(),
    stt,
    tts,
    telephony,
    callIsLive: (callSid) => telephony.isLive(callSid),
    ...(config.openai
      ? { extractor: new OpenAIExtractor(config.openai), answerer: new OpenAIAnswerer(config.openai) }
      : {}),
    voiceId: config.elevenlabs.voiceId,
    voices: new CachedVoiceCatalog(new ElevenLabsVoices(sdk), systemClock),
    elevenLabsZeroRetention: config.elevenlabs.zeroRetention === true,
    cache,
    compiledFlows: new CompiledFlowCache(),
    warmer: new PromptWarmer({
      tts,
      cache,
      clock: systemClock,
      ...(options.onWarmError ? { onError: options.onWarmError } : {}),
    }),
    testCalls: new TestCallDesk(config.testCalls ?? DEFAULT_TEST_CALL_LIMITS),
    parked,
    parkMarginMs: options.parkMarginMs ?? PARK_MARGIN_MS,
    whispers: new Map(),
    callers: new Map(),
    ...(options.leadMs !== undefined ? { leadMs: options.leadMs } : {}),
    ...(options.startTimeoutMs !== undefined ? { startTimeoutMs: options.startTimeoutMs } : {}),
    ready: () => tts.ready(),
    turnTaking: { ...config.turnTaking, ...options.turnTaking },
    close: () => {
      parked.expireAll(); // shutdown: parked calls end now, their records go out
      return stt.close();
    },
  };
}

/** Keeps a whisper text for the <Number url> fetch; expired ones are dropped on the way. */
export function rememberWhisper(
  runtime: PhoneRuntime,
  id: string,
  text: string,
  language: string,
  now: number,
  callSid?: string,
): void {
  for (const [key, w] of runtime.whispers) if (w.expiresAt <= now) runtime.whispers.delete(key);
  runtime.whispers.set(id, {
    text,
    language,
    expiresAt: now + WHISPER_TTL_MS,
    ...(callSid ? { callSid } : {}),
  });
}

/**
 * Parks a call whose stream closed while its transfer was requested; it ends by itself if no
 * outcome comes. Twilio is asked whether the call is still up: if the caller hung up instead
 * (their `stop` looks the same), the call ends now rather than at the deadline.
 */
export function parkCall(
  runtime: PhoneRuntime,
  callSid: string,
  call: ParkedCall,
  ringSeconds: number,
): void {
  runtime.parked.park(callSid, call, ringSeconds * 1000 + runtime.parkMarginMs);
  call.session.onEnd(() => runtime.parked.release(call));
  call.session.detach();
  void runtime.callIsLive(callSid).then(
    (live) => {
      if (live === false && runtime.parked.peek(callSid) === call)
        runtime.parked.take(callSid)?.session.onHangup();
    },
    () => undefined, // unknown: the deadline still ends it
  );
}

/** Remembers the caller ID of a call about to stream; expired entries are dropped on the way. */
export function rememberCaller(
  runtime: PhoneRuntime,
  callSid: string,
  number: string,
  expiresAt: number,
  now: number,
): void {
  for (const [key, c] of runtime.callers) if (c.expiresAt <= now) runtime.callers.delete(key);
  runtime.callers.set(callSid, { number, expiresAt });
}

/** The caller ID for this call, once (the entry is removed). */
export function takeCaller(runtime: PhoneRuntime, callSid: string, now: number): string | undefined {
  const entry = runtime.callers.get(callSid);
  runtime.callers.delete(callSid);
  return entry && entry.expiresAt > now ? entry.number : undefined;
}
