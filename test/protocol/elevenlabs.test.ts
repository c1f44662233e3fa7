// ElevenLabs provider over real HTTP against the fake: what the vendor sees (data minimisation),
// the Twilio-ready format, the WAV-header case and that barge-in really stops the download.
import { afterEach, describe, expect, it } from 'vitest';
import { ElevenLabsTextToSpeech } from '../../engine/src/providers/elevenlabs/text-to-speech';
import { speakingTimeMs } from '../../engine/src/audio/synthetic-speech';
import { type ElevenLabsFakeOptions, startElevenLabsFake } from '../fakes/elevenlabs-server';

const apiKey = 'xi-test-key';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function setup(options: ElevenLabsFakeOptions = {}) {
  const fake = await startElevenLabsFake({ apiKey, ...options });
  cleanup.push(() => fake.close());
  return { fake, tts: new ElevenLabsTextToSpeech({ apiKey, baseUrl: fake.baseUrl }) };
}

async function drain(audio: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of audio) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('ElevenLabs provider on the wire', () => {
  it('asks for ulaw_8000 with the flash model, the voice and language, authenticated by xi-api-key', async () => {
    const { fake, tts } = await setup();
    await drain(
      tts.synthesize({ text: 'Guten Tag.', voiceId: 'Xb7hH8MSUJpSbSDYk0k2', languageCode: 'de-DE' }),
    );
    const [r] = fake.requests;
    expect(r.voiceId).toBe('Xb7hH8MSUJpSbSDYk0k2');
    expect(r.apiKey).toBe(apiKey);
    expect(r.query.output_format).toBe('ulaw_8000');
    expect(r.body).toMatchObject({ text: 'Guten Tag.', model_id: 'eleven_flash_v2_5', language_code: 'de' });
  });

  it('sends nothing but the prompt and synthesis settings (no call ids, numbers or transcripts)', async () => {
    const { fake, tts } = await setup();
    await drain(tts.synthesize({ text: 'Danke, Frau Müller.', voiceId: 'v1', languageCode: 'de-DE' }));
    expect(Object.keys(fake.requests[0].body).sort()).toEqual(['language_code', 'model_id', 'text']);
    expect(Object.keys(fake.requests[0].query).sort()).toEqual(['output_format']);
  });

  it('requests no logging for zero-persistence flows (enable_logging=false)', async () => {
    const { fake, tts } = await setup();
    await drain(tts.synthesize({ text: 'Hallo', voiceId: 'v1', enableLogging: false }));
    await drain(tts.synthesize({ text: 'Hallo', voiceId: 'v1' }));
    expect(fake.requests[0].query.enable_logging).toBe('false');
    expect(fake.requests[1].query.enable_logging).toBeUndefined();
  });

  it('strips a WAV header if the vendor sends one, so no click reaches the caller', async () => {
    const { tts } = await setup({ wavHeader: true, chunkBytes: 7 });
    const text = 'Ein kurzer Satz.';
    const audio = await drain(tts.synthesize({ text, voiceId: 'v1' }));
    expect(audio.length).toBe(speakingTimeMs(text) * 8);
    expect(String.fromCharCode(...audio.subarray(0, 4))).not.toBe('RIFF');
  });

  it('stops the download when the caller barges in', async () => {
    const { fake, tts } = await setup({ chunkBytes: 160, chunkIntervalMs: 10 });
    const controller = new AbortController();
    let chunks = 0;
    for await (const _ of tts.synthesize({
      text: 'Eine lange Ansage. '.repeat(10),
      voiceId: 'v1',
      signal: controller.signal,
    })) {
      if (++chunks === 3) controller.abort();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.requests[0].aborted).toBe(true);
    expect(fake.requests[0].bytesSent).toBeLessThan(speakingTimeMs('Eine lange Ansage. '.repeat(10)) * 8);
  });

  it('respects the vendor first-byte delay without calling it a fault', async () => {
    const { tts } = await setup({ firstByteDelayMs: 150 });
    const started = performance.now();
    const audio = tts.synthesize({ text: 'Hallo', voiceId: 'v1' })[Symbol.asyncIterator]();
    const first = await audio.next();
    expect(first.done).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await audio.return?.();
  });
});
