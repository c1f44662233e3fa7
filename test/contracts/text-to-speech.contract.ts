// The behaviour every TextToSpeech provider must show, run against ElevenLabs (SDK → fake HTTP
// server) and the in-process fake. What the runtime relies on: raw μ-law whose length follows
// the prompt, quiet abort on barge-in, and typed faults (5xx, hung vendor, cut stream).
// Providers under test are built with a first-byte timeout of 1 s (cold starts on a busy CI machine).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../engine/src/ports/provider-error';
import type { TextToSpeech } from '../../engine/src/ports/text-to-speech';
import { frameRms } from '../../engine/src/audio/energy';
import { speakingTimeMs } from '../../engine/src/audio/synthetic-speech';

export type ScriptedFault =
  { kind: 'status'; status: number } | { kind: 'stall' } | { kind: 'cut'; afterBytes: number };

export interface TextToSpeechUnderTest {
  readonly tts: TextToSpeech;
  failNext(fault: ScriptedFault): void;
  /** Prompt texts the vendor received, in order. */
  texts(): string[];
  teardown(): Promise<void>;
}

const VOICE = 'voice-de-1';

async function drain(audio: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of audio) chunks.push(c);
  return Buffer.concat(chunks);
}

export function describeTextToSpeechContract(
  name: string,
  setup: () => Promise<TextToSpeechUnderTest>,
): void {
  describe(`TextToSpeech contract: ${name}`, () => {
    let sut: TextToSpeechUnderTest;
    beforeEach(async () => {
      sut = await setup();
    });
    afterEach(async () => {
      await sut.teardown();
    });

    it('returns raw μ-law 8 kHz speech whose length follows the prompt, without a header', async () => {
      const text = 'Guten Tag, Sie sprechen mit der digitalen Assistenz der Praxis.';
      const audio = await drain(sut.tts.synthesize({ text, voiceId: VOICE, languageCode: 'de-DE' }));
      expect(audio.length).toBe(speakingTimeMs(text) * 8);
      expect(String.fromCharCode(...audio.subarray(0, 4))).not.toBe('RIFF');
      expect(frameRms(audio.subarray(0, 160))).toBeGreaterThan(500);
      expect(sut.texts()).toEqual([text]);
    });

    it('gives a short prompt less audio than a long one', async () => {
      const short = await drain(sut.tts.synthesize({ text: 'Ja.', voiceId: VOICE }));
      const long = await drain(
        sut.tts.synthesize({
          text: 'Bitte nennen Sie mir Ihren Namen und Ihre Rückrufnummer.',
          voiceId: VOICE,
        }),
      );
      expect(long.length).toBeGreaterThan(short.length * 3);
    });

    it('ends quietly when aborted mid-stream (barge-in), without an error', async () => {
      const controller = new AbortController();
      const text =
        'Eine sehr lange Ansage, die der Anrufer unterbricht, weil er schon weiß, was er will. '.repeat(4);
      let bytes = 0;
      for await (const chunk of sut.tts.synthesize({ text, voiceId: VOICE, signal: controller.signal })) {
        bytes += chunk.length;
        controller.abort();
      }
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(speakingTimeMs(text) * 8);
    });

    it('yields nothing for a request aborted before it starts', async () => {
      const controller = new AbortController();
      controller.abort();
      expect(
        await drain(sut.tts.synthesize({ text: 'Hallo', voiceId: VOICE, signal: controller.signal })),
      ).toHaveLength(0);
    });

    it('reports a vendor 5xx as a retryable ProviderError', async () => {
      sut.failNext({ kind: 'status', status: 503 });
      const error = await drain(sut.tts.synthesize({ text: 'Hallo', voiceId: VOICE })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: 'unavailable', retryable: true, status: 503 });
    });

    it('reports bad credentials as a non-retryable ProviderError', async () => {
      sut.failNext({ kind: 'status', status: 401 });
      const error = await drain(sut.tts.synthesize({ text: 'Hallo', voiceId: VOICE })).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'auth', retryable: false });
    });

    it('turns a hung vendor into a timeout fault after the first-byte timeout', async () => {
      sut.failNext({ kind: 'stall' });
      const started = performance.now();
      const error = await drain(sut.tts.synthesize({ text: 'Hallo', voiceId: VOICE })).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(performance.now() - started).toBeLessThan(3000);
    });

    it('reports a stream cut off mid-prompt as a retryable fault', async () => {
      sut.failNext({ kind: 'cut', afterBytes: 1600 });
      const error = await drain(
        sut.tts.synthesize({
          text: 'Eine Ansage, die mittendrin abbricht, weil die Leitung weg ist.',
          voiceId: VOICE,
        }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ retryable: true });
    });
  });
}
