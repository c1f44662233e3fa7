// TextToSpeech on ElevenLabs HTTP streaming. ulaw_8000 is Twilio's format, so audio is passed
// through untouched (a WAV header, if one ever appears, is stripped). Barge-in aborts the
// request; a slow first byte is a fault. The SDK is loaded once (sdk.ts) and may be shared with
// the voice list (voices.ts).
import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import type { SynthesisRequest, TextToSpeech } from '../../ports/text-to-speech';
import { fault, toProviderError } from './errors';
import { loadElevenLabsSdk, type ElevenLabsSdk } from './sdk';
import { WavHeaderStripper } from './wav-header';

export interface ElevenLabsOptions {
  readonly apiKey: string;
  /** ELEVENLABS_BASE_URL, e.g. a local fake; default api.elevenlabs.io. */
  readonly baseUrl?: string;
  /** Default model; flash is the low-latency one that speaks German. */
  readonly modelId?: string;
  /** No audio this long after the request → timeout fault. Default 2000 ms. */
  readonly firstByteTimeoutMs?: number;
  /** Ceiling for a whole prompt. Default 30 s. */
  readonly totalTimeoutMs?: number;
}

export const DEFAULT_ELEVENLABS_MODEL = 'eleven_flash_v2_5';

export class ElevenLabsTextToSpeech implements TextToSpeech {
  /** Starts loading at construction (the phone runtime is built at start-up, before any call). */
  private readonly sdk: Promise<ElevenLabsSdk>;

  /** `sdk`: an SDK already loading for the same account (shared with the voice list). */
  constructor(
    private readonly options: ElevenLabsOptions,
    sdk?: Promise<ElevenLabsSdk>,
  ) {
    this.sdk = sdk ?? loadElevenLabsSdk(options);
  }

  /** Resolves once the SDK is loaded (or failed to): a server awaits it before taking calls. */
  ready(): Promise<void> {
    return this.sdk.then(
      () => undefined,
      () => undefined,
    );
  }

  async *synthesize(request: SynthesisRequest): AsyncIterable<Uint8Array> {
    if (request.signal?.aborted) return;
    // Loading the SDK is our time, not the vendor's: the first-byte timer starts after it.
    const sdk = await this.sdk.catch((error: unknown) => {
      throw fault('sdk_unavailable', false, undefined, error);
    });
    if (request.signal?.aborted) return;
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort('caller');
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const firstByte = setTimeout(
      () => controller.abort('first-byte-timeout'),
      this.options.firstByteTimeoutMs ?? 2000,
    );
    try {
      yield* this.stream(sdk.client, request, controller.signal, () => clearTimeout(firstByte));
    } catch (error) {
      if (controller.signal.reason === 'caller') return; // barge-in or hangup: not a fault
      if (controller.signal.reason === 'first-byte-timeout') throw fault('timeout', true, undefined, error);
      throw toProviderError(error, sdk.ElevenLabsError);
    } finally {
      clearTimeout(firstByte);
      request.signal?.removeEventListener('abort', onCallerAbort);
      controller.abort('done');
    }
  }

  private async *stream(
    client: ElevenLabsClient,
    request: SynthesisRequest,
    signal: AbortSignal,
    onFirstByte: () => void,
  ): AsyncIterable<Uint8Array> {
    const body = await client.textToSpeech.stream(
      request.voiceId,
      {
        text: request.text,
        modelId: request.modelId ?? this.options.modelId ?? DEFAULT_ELEVENLABS_MODEL,
        outputFormat: 'ulaw_8000',
        ...(request.languageCode ? { languageCode: isoLanguage(request.languageCode) } : {}),
        ...(request.enableLogging === false ? { enableLogging: false } : {}),
      },
      {
        abortSignal: signal,
        maxRetries: 0,
        timeoutInSeconds: (this.options.totalTimeoutMs ?? 30_000) / 1000,
      },
    );
    const stripper = new WavHeaderStripper();
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const audio = stripper.push(value);
        if (audio.length === 0) continue;
        onFirstByte();
        yield audio;
      }
      const rest = stripper.flush();
      if (rest.length > 0) yield rest;
    } finally {
      reader.releaseLock();
    }
  }
}

/** ElevenLabs takes ISO 639-1 ("de"), flows carry BCP-47 ("de-DE"). */
function isoLanguage(code: string): string {
  return code.split(/[-_]/)[0].toLowerCase();
}
