// What a CallSession needs from the outside and the read-only hooks it offers: the ports, the
// call's context, where the record goes, and PII-free callbacks for logs, metrics and analytics.
import type { CompiledFlow } from '../flow/compiled';
import type { CallContext, CallEvent, CallState } from '../flow/interpreter';
import type { CallRecord } from '../flow/record/schema';
import type { FrameTicker } from '../audio/frame-ticker';
import type { Clock } from '../ports/clock';
import type { Answerer } from '../ports/answerer';
import type { Extractor } from '../ports/extractor';
import type { SpeechToText } from '../ports/speech-to-text';
import type { Telephony } from '../ports/telephony';
import type { TextToSpeech } from '../ports/text-to-speech';
import type { AudioSink, VoiceSettings } from './playback';
import type { PromptCache } from './prompt-cache';
import type { AwaitedProvider } from './dead-air';
import type { TurnTaking } from './turn-taking';
import type { TurnTiming } from './turn-timer';

export interface TransferDestination {
  /** E.164 number behind the flow's allow-list id. */
  readonly number: string;
  readonly whisperUrl: string;
  readonly actionUrl: string;
  readonly statusCallbackUrl?: string;
}

export interface CallSessionDeps {
  readonly flow: CompiledFlow;
  readonly context: CallContext;
  readonly callSid: string;
  readonly stt: SpeechToText;
  readonly tts: TextToSpeech;
  readonly telephony: Telephony;
  readonly extractor?: Extractor;
  /** Answers callers' questions from the flow's facts (OpenAI); absent = the fallback. */
  readonly answerer?: Answerer;
  readonly sink: AudioSink & { close(): void };
  readonly clock: Clock;
  /** Epoch milliseconds for interpreter events. */
  readonly now: () => number;
  readonly voice: VoiceSettings;
  readonly cache: PromptCache;
  /** Allow-list id → number and URLs; undefined = not allowed (the transfer fails). */
  readonly resolveTarget: (id: string, whisper: string) => TransferDestination | undefined;
  readonly deliver: (record: CallRecord) => void;
  /** PII-free fault codes for logs and metrics. */
  readonly onFault?: (code: string) => void;
  /** A provider call is retried (today: the recognizer reopened after a fault). For metrics. */
  readonly onRetry?: (stage: ProviderStage) => void;
  /** End of turn and patience with providers (turn-taking.ts); missing values take the defaults. */
  readonly turnTaking?: Partial<TurnTaking>;
  /** How far audio may run ahead of playback. Default 200 ms. */
  readonly leadMs?: number;
  /** The process's shared 20 ms tick for pacing (phone calls); default: a timer per wait. */
  readonly ticker?: FrameTicker;
  /** Watches the interpreter (analytics, metrics); never changes what the call does. */
  readonly observer?: CallObserverHooks;
}

/** Read-only view of the call's steps, for counts-only analytics and metrics. */
export interface CallObserverHooks {
  /** The state start() produced, before any of its actions ran. */
  onStart?(first: CallState): void;
  /** After every step(): the state it was applied to, the event, the new state, and the step's own time. */
  onStep?(before: CallState, event: CallEvent, after: CallState, info: { engineLatencyMs: number }): void;
  /** Per answered caller turn: what the engine added between the turn and its first answer frame (turn-timer.ts). */
  onTurnTiming?(timing: TurnTiming): void;
  /** The filler played because an answer waited too long for this provider (dead-air.ts). */
  onFiller?(provider: AwaitedProvider): void;
  /** Once, when the session has shut down (hangup by either side). */
  onEnd?(): void;
}

export type ProviderStage = 'stt' | 'tts' | 'llm' | 'telephony';
