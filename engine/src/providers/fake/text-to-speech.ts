// In-process TextToSpeech fake: speech-like μ-law whose length follows the text, delivered in
// chunks after a configurable first-byte delay; scriptable faults; records what it was asked.
import { ProviderError } from '../../ports/provider-error';
import type { SynthesisRequest, TextToSpeech } from '../../ports/text-to-speech';
import { speakingTimeMs, syntheticSpeech } from '../../audio/synthetic-speech';

export interface FakeSpeechSynthesisOptions {
  /** Delay before the first chunk (vendor inference time). */
  readonly firstByteDelayMs?: number;
  /** Bytes per chunk (800 = 100 ms of audio). */
  readonly chunkBytes?: number;
  /** Delay between chunks; 0 = as fast as possible. */
  readonly chunkIntervalMs?: number;
  /** A first byte later than this is a timeout fault (like the real provider's setting). */
  readonly firstByteTimeoutMs?: number;
}

export type FakeSynthesisFault =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'stall' }
  | { readonly kind: 'cut'; readonly afterBytes: number };

export class FakeTextToSpeech implements TextToSpeech {
  readonly requests: SynthesisRequest[] = [];
  private readonly faults: FakeSynthesisFault[] = [];

  constructor(private readonly options: FakeSpeechSynthesisOptions = {}) {}

  /** The next request fails like this. */
  failNext(fault: FakeSynthesisFault): void {
    this.faults.push(fault);
  }

  async *synthesize(request: SynthesisRequest): AsyncIterable<Uint8Array> {
    this.requests.push(request);
    const fault = this.faults.shift();
    if (fault?.kind === 'status') throw statusFault(fault.status);
    const timeout = this.options.firstByteTimeoutMs ?? 2000;
    const delay = fault?.kind === 'stall' ? Number.POSITIVE_INFINITY : (this.options.firstByteDelayMs ?? 0);
    if (delay > timeout) {
      if (!(await sleep(timeout, request.signal))) return;
      throw new ProviderError({ provider: 'fake', code: 'timeout', retryable: true });
    }
    if (!(await sleep(delay, request.signal))) return;
    const audio = syntheticSpeech(speakingTimeMs(request.text), { seed: seedOf(request.text) });
    const chunk = this.options.chunkBytes ?? 800;
    for (let offset = 0; offset < audio.length; offset += chunk) {
      if (fault?.kind === 'cut' && offset >= fault.afterBytes)
        throw new ProviderError({ provider: 'fake', code: 'network', retryable: true });
      if (request.signal?.aborted) return;
      yield audio.slice(offset, offset + chunk);
      if (this.options.chunkIntervalMs && !(await sleep(this.options.chunkIntervalMs, request.signal)))
        return;
    }
  }
}

function statusFault(status: number): ProviderError {
  const code =
    status === 401 || status === 403
      ? 'auth'
      : status === 429
        ? 'rate_limited'
        : status >= 500
          ? 'unavailable'
          : 'bad_request';
  return new ProviderError({ provider: 'fake', code, status, retryable: status === 429 || status >= 500 });
}

/** Resolves true after ms, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Same text → same "voice" audio, so cached and fresh prompts are comparable. */
export function seedOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return (h % 97) + 1;
}
