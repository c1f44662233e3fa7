// Plays prompts to the caller: TTS (or the prompt cache) → 20 ms frames → pacer → transport,
// with a mark (named by promptId) after each prompt; its echo means the caller heard it.
// `interrupt()` is barge-in. A synthesis may be given up before its first audio (the caller has
// waited long enough, dead-air.ts): then speak() fails like a vendor timeout would.
import type { Clock } from '../ports/clock';
import { ProviderError } from '../ports/provider-error';
import type { TextToSpeech } from '../ports/text-to-speech';
import type { FrameTicker } from '../audio/frame-ticker';
import { FrameSplitter } from '../audio/frames';
import { Pacer } from '../audio/pacer';
import { voiceCacheKey, type PromptCache } from './prompt-cache';

/** Where audio goes: the transport (Twilio WebSocket) implements this. */
export interface AudioSink {
  /**
   * How much audio (ms) the transport takes in one go while it plays: a line that buffers (Twilio)
   * gets its frames in bursts of this much (audio/pacer.ts). Default: one frame at a time.
   */
  readonly burstMs?: number;
  /** `base64`: the frame's base64, when computed ahead (cached prompts); the transport may use it as is. */
  media(frame: Uint8Array, base64?: string): void;
  mark(name: string): void;
  /** Drop audio the transport has buffered (Twilio `clear`). */
  clear(): void;
}

export interface Prompt {
  readonly promptId: string;
  readonly text: string;
  readonly cacheKey?: string;
}

export interface VoiceSettings {
  readonly voiceId: string;
  readonly languageCode: string;
  /**
   * false: ask the vendor not to log prompts that can contain caller data (readbacks, filled-in
   * values) — zero-persistence calls with zero retention. Static prompts (with a cacheKey: no
   * caller data) go without it, like their pre-warmed copies in the cache.
   */
  readonly enableLogging?: boolean;
}

/** Why a synthesis was aborted by us rather than by barge-in or hangup. */
const GIVEN_UP = 'given-up';

export class Playback {
  private readonly pacer: Pacer;
  private current: AbortController | null = null;

  constructor(
    private readonly deps: {
      clock: Clock;
      sink: AudioSink;
      tts: TextToSpeech;
      cache: PromptCache;
      voice: VoiceSettings;
      leadMs?: number;
      /** The shared 20 ms tick the pacer waits on (audio/frame-ticker.ts). */
      ticker?: FrameTicker;
      /** How long synthesis took to give its first audio (provider time, for the turn timer). */
      onSynthesisWait?: (ms: number) => void;
      /**
       * A prompt waits for its first synthesized audio; `giveUp` abandons the synthesis. The
       * returned function is called when the wait is over (audio, end, fault or abort).
       */
      awaitingAudio?: (promptId: string, giveUp: () => void) => () => void;
    },
  ) {
    this.pacer = new Pacer({
      clock: deps.clock,
      leadMs: deps.leadMs ?? 200,
      ...(deps.sink.burstMs !== undefined ? { burstMs: deps.sink.burstMs } : {}),
      ...(deps.ticker ? { ticker: deps.ticker } : {}),
      send: (item) =>
        item.kind === 'media' ? deps.sink.media(item.frame, item.base64) : deps.sink.mark(item.name),
    });
  }

  /** Queues a prompt's audio; resolves when it is all queued (not played). Throws ProviderError on TTS faults. */
  async speak(prompt: Prompt): Promise<void> {
    const key = prompt.cacheKey ? voiceCacheKey(this.deps.voice.voiceId, prompt.cacheKey) : undefined;
    const cached = key ? this.deps.cache.encoded(key) : undefined;
    if (cached) {
      // Cut and encoded once when it entered the cache; shared by every call that plays it.
      this.pacer.enqueueEncoded(cached);
      this.pacer.mark(prompt.promptId);
      return;
    }
    const controller = new AbortController();
    this.current = controller;
    const splitter = new FrameSplitter();
    const whole: Uint8Array[] = [];
    const askedAt = this.deps.clock.now();
    let first = true;
    const waited = this.deps.awaitingAudio?.(prompt.promptId, () => controller.abort(GIVEN_UP));
    try {
      const { enableLogging, ...voice } = this.deps.voice;
      const audio = this.deps.tts.synthesize({
        text: prompt.text,
        ...voice,
        ...(enableLogging !== undefined && !key ? { enableLogging } : {}),
        signal: controller.signal,
      });
      for await (const chunk of audio) {
        if (controller.signal.aborted) break;
        if (first) {
          waited?.();
          this.deps.onSynthesisWait?.(this.deps.clock.now() - askedAt);
        }
        first = false;
        if (key) whole.push(chunk);
        this.pacer.enqueue(splitter.push(chunk));
      }
    } finally {
      waited?.();
      if (this.current === controller) this.current = null;
    }
    if (controller.signal.reason === GIVEN_UP)
      throw new ProviderError({ provider: 'runtime', code: 'given_up', retryable: true });
    if (controller.signal.aborted) return;
    const last = splitter.flush();
    if (last) this.pacer.enqueue([last]);
    if (key) this.deps.cache.set(key, Buffer.concat(whole));
    this.pacer.mark(prompt.promptId);
  }

  /** Whether this prompt's audio is cached (in this voice), so it plays even without TTS. */
  isCached(prompt: Pick<Prompt, 'cacheKey'>): boolean {
    return (
      prompt.cacheKey !== undefined &&
      this.deps.cache.encoded(voiceCacheKey(this.deps.voice.voiceId, prompt.cacheKey)) !== undefined
    );
  }

  /** Clock time at which the caller will have heard all audio sent and queued (past once they have). */
  get playoutEndsAt(): number {
    return this.pacer.playoutEndsAt;
  }

  /** Synthesizing or audio still queued here (not counting what the transport buffers). */
  get busy(): boolean {
    return this.current !== null || !this.pacer.idle;
  }

  /** Barge-in: stop synthesis, drop queued audio, tell the transport to drop its buffer. */
  interrupt(): void {
    this.current?.abort();
    this.current = null;
    this.pacer.clear();
    this.deps.sink.clear();
  }

  stop(): void {
    this.current?.abort();
    this.pacer.stop();
  }
}
