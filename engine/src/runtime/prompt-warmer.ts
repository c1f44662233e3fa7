// Pre-warm: synthesizes static prompts (no caller data) into the prompt cache before any call
// needs them — so a greeting starts within a frame and, above all, the provider-fault apology
// can play when the voice vendor is down later. Runs in the background with a small global
// bound on concurrent syntheses (calls in progress must not queue behind it at the vendor),
// skips what is cached or already being synthesized, and never throws: a failure is a PII-free
// code for the log, and the prompt is simply synthesized live on first use.
import type { Clock } from '../ports/clock';
import { isProviderError, ProviderError } from '../ports/provider-error';
import type { TextToSpeech } from '../ports/text-to-speech';
import type { VoiceSettings } from './playback';
import { voiceCacheKey, type PromptCache } from './prompt-cache';

export interface WarmPrompt {
  readonly cacheKey: string;
  readonly text: string;
}

export interface WarmResult {
  /** Newly synthesized and cached. */
  readonly warmed: number;
  /** Already cached or being synthesized by another warm-up. */
  readonly skipped: number;
  readonly failed: number;
}

export interface PromptWarmerDeps {
  readonly tts: TextToSpeech;
  readonly cache: PromptCache;
  readonly clock: Clock;
  /** Syntheses at once across all warm-ups. Default 2. */
  readonly concurrency?: number;
  /** Per prompt. Default 20 s. */
  readonly timeoutMs?: number;
  /** PII-free failure code (`tts_<code>`), once per failed prompt. */
  readonly onError?: (code: string) => void;
}

export class PromptWarmer {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: PromptWarmerDeps) {}

  /** Warms `prompts` in order (put the most important first) in `voice`. */
  async warm(prompts: readonly WarmPrompt[], voice: VoiceSettings): Promise<WarmResult> {
    let warmed = 0;
    let skipped = 0;
    let failed = 0;
    await Promise.all(
      prompts.map(async (p) => {
        const key = voiceCacheKey(voice.voiceId, p.cacheKey);
        if (this.deps.cache.get(key) || this.inFlight.has(key)) return void skipped++;
        this.inFlight.add(key);
        try {
          await this.slot();
          if (this.deps.cache.get(key)) return void skipped++; // a live call cached it meanwhile
          this.deps.cache.set(key, await this.synthesize(p.text, voice));
          warmed++;
        } catch (error) {
          failed++;
          this.deps.onError?.(isProviderError(error) ? `tts_${error.code}` : 'tts_error');
        } finally {
          this.inFlight.delete(key);
          this.release();
        }
      }),
    );
    return { warmed, skipped, failed };
  }

  private async synthesize(text: string, voice: VoiceSettings): Promise<Uint8Array> {
    const controller = new AbortController();
    const timer = this.deps.clock.setTimer(this.deps.timeoutMs ?? 20_000, () => controller.abort());
    try {
      const chunks: Uint8Array[] = [];
      for await (const chunk of this.deps.tts.synthesize({ text, ...voice, signal: controller.signal }))
        chunks.push(chunk);
      if (controller.signal.aborted)
        throw new ProviderError({ provider: 'prewarm', code: 'timeout', retryable: true });
      if (chunks.length === 0)
        throw new ProviderError({ provider: 'prewarm', code: 'empty_audio', retryable: true });
      return Buffer.concat(chunks);
    } finally {
      timer.cancel();
    }
  }

  /** Waits for one of the `concurrency` synthesis slots. */
  private slot(): Promise<void> {
    if (this.running < (this.deps.concurrency ?? 2)) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => (this.running++, resolve())));
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}
