// The random fault knobs of the vendor fakes, seen through the real SDKs (the load runs rely on
// them): each knob at rate 1 produces exactly its vendor-shaped failure, rates are honoured and
// the same seed gives the same faults, and the default is no fault at all.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../engine/src/ports/provider-error';
import { ElevenLabsTextToSpeech } from '../../engine/src/providers/elevenlabs/text-to-speech';
import { GoogleSpeechToText } from '../../engine/src/providers/google/speech-to-text';
import { TwilioTelephony } from '../../engine/src/providers/twilio/telephony';
import { silence, syntheticSpeech } from '../../engine/src/audio/synthetic-speech';
import { collect, stream } from '../contracts/speech-to-text.contract';
import { startElevenLabsFake, type ElevenLabsFaultOptions } from './elevenlabs-server';
import { faultDie } from './fault-dice';
import { startGoogleSpeechFake, type GoogleSpeechFaultOptions } from './google-speech-server';
import { startFakeOpenAI } from './openai-server';
import { startTwilioRestFake } from './twilio-rest-server';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('fault dice', () => {
  it('honours the rates and repeats the same faults for the same seed', () => {
    const rolls = (seed: number) => {
      const die = faultDie(['a', 'b'] as const, { a: 0.1, b: 0.05 }, seed);
      const seq = Array.from({ length: 2000 }, () => die.roll());
      return { seq, counts: die.counts };
    };
    const first = rolls(7);
    expect(rolls(7).seq).toEqual(first.seq);
    expect(rolls(8).seq).not.toEqual(first.seq);
    expect(first.counts.a).toBeGreaterThan(140);
    expect(first.counts.a).toBeLessThan(260);
    expect(first.counts.b).toBeGreaterThan(60);
    expect(first.counts.b).toBeLessThan(140);
    expect(faultDie(['a'] as const).roll()).toBeUndefined();
    expect(() => faultDie(['a', 'b'] as const, { a: 0.7, b: 0.6 })).toThrow(RangeError);
  });
});

describe('Google Speech fake: random stream faults', () => {
  // close() waits for the server's last results at most closeTimeoutMs. Only the stall test is
  // about that bound (no result ever comes); elsewhere a short bound would race the final result
  // on a busy machine, and a long one costs nothing because the stream ends by itself.
  async function session(faults: GoogleSpeechFaultOptions, closeTimeoutMs = 20_000) {
    const fake = await startGoogleSpeechFake({ faults });
    const stt = new GoogleSpeechToText({ endpoint: fake.endpoint, insecure: true, closeTimeoutMs });
    cleanup.push(
      () => fake.close(),
      () => stt.close(),
    );
    const s = stt.open({ languageCode: 'de-DE' });
    return { fake, s, events: collect(s) };
  }

  it('error: the stream fails with the given gRPC status (non-transient → the session fails)', async () => {
    const { fake, s, events } = await session({ error: 1, errorCode: 7 });
    const failed = expect(events).rejects.toMatchObject({ code: 'stt_permission_denied' }); // watch before the audio: it fails mid-stream
    await stream(s, silence(600));
    await failed;
    expect(fake.streams[0].fault).toBe('error');
    expect(fake.injectedFaults.error).toBe(1);
  });

  it('drop: the server ends the stream early without an error; the client goes on on a new stream, and gives up when every stream drops', async () => {
    const { fake, s, events } = await session({ drop: 1, afterAudioMs: 100 });
    const failure = events.then(
      () => undefined,
      (error: unknown) => error,
    );
    await stream(s, Buffer.concat([syntheticSpeech(500, { seed: 1 }), silence(400)]));
    // Each new stream hears the unsettled audio again and is dropped again; after three new
    // streams the session reports it (the runtime's STT fallback). Closing before that would
    // be a normal end instead (close() gives the caller's last words a final stream), so the
    // failure is awaited first: the drops arrive at the server's pace, not the writer's.
    expect(await failure).toMatchObject({ code: 'stt_stream_ended' });
    await s.close();
    expect(fake.streams[0]).toMatchObject({ fault: 'drop', outcome: 'ended' });
    expect(fake.streams).toHaveLength(4);
  });

  it('stall: no result ever comes back, yet close() returns (bounded)', async () => {
    const { fake, s, events } = await session({ stall: 1 }, 300);
    fake.say('niemals gehört');
    await stream(s, Buffer.concat([syntheticSpeech(500, { seed: 1 }), silence(500)]));
    await s.close();
    const got = await events;
    expect(got.filter((e) => e.type === 'transcript')).toEqual([]);
    expect(fake.streams[0].fault).toBe('stall');
  });

  it('no faults by default', async () => {
    const { fake, s, events } = await session({});
    fake.say('Hallo');
    await stream(s, Buffer.concat([syntheticSpeech(500, { seed: 1 }), silence(600)]));
    await s.close();
    expect((await events).some((e) => e.type === 'transcript' && e.isFinal)).toBe(true);
    expect(fake.streams[0].fault).toBeUndefined();
  });
});

describe('ElevenLabs fake: random synthesis faults', () => {
  // The first-byte timer runs from the request on: on a busy machine a prompt 503 can take longer
  // than a short timer (the SDK's first request in a fresh worker alone can), and would then be
  // reported as a timeout. Only the stall test is about the timer; it never gets a byte, so a
  // short timer there races nothing.
  const PATIENT_MS = 20_000;
  async function synthesize(faults: ElevenLabsFaultOptions, firstByteTimeoutMs = PATIENT_MS) {
    const fake = await startElevenLabsFake({ faults });
    cleanup.push(() => fake.close());
    const tts = new ElevenLabsTextToSpeech({ apiKey: 'xi', baseUrl: fake.baseUrl, firstByteTimeoutMs });
    const chunks: Uint8Array[] = [];
    const error = await (async () => {
      for await (const c of tts.synthesize({ text: 'Guten Tag, hier ist die Praxis.', voiceId: 'v' }))
        chunks.push(c);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    return { fake, error, bytes: chunks.reduce((n, c) => n + c.length, 0) };
  }

  it.each([
    ['serverError', 503],
    ['rateLimited', 429],
  ] as const)('%s answers HTTP %i', async (kind, status) => {
    const { fake, error } = await synthesize({ [kind]: 1 });
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).status).toBe(status);
    expect(fake.injectedFaults[kind]).toBe(1);
  });

  it('stall: headers, then no first byte → the client times out', async () => {
    const { error, bytes } = await synthesize({ stall: 1 }, 300);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(bytes).toBe(0);
  });

  it('reset: the connection drops mid-audio', async () => {
    const { fake, error } = await synthesize({ reset: 1, resetAfterBytes: 800 });
    expect(error).toBeInstanceOf(ProviderError);
    expect(fake.requests[0]).toMatchObject({ fault: 'cut', bytesSent: 800 });
  });
});

describe('OpenAI fake: random request faults', () => {
  it('serverError answers 500; timeout never answers, so the client times out; same seed, same faults', async () => {
    const fake = await startFakeOpenAI({ faults: { serverError: 0.5, timeout: 0.2, seed: 3 } });
    cleanup.push(() => fake.close());
    // Only one request of this seed is a timeout fault (it never gets an answer); the client's
    // timeout must not be short enough to also catch a slow 500 or reply on a busy machine.
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0, timeout: 5_000 });
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      outcomes.push(
        await client.chat.completions
          .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
          .then(
            () => 'ok',
            (e: unknown) =>
              e instanceof OpenAI.APIConnectionTimeoutError
                ? 'timeout'
                : `status ${(e as { status?: number }).status}`,
          ),
      );
    }
    expect(new Set(outcomes)).toEqual(new Set(['ok', 'status 500', 'timeout']));
    expect(outcomes.filter((o) => o === 'status 500')).toHaveLength(fake.injectedFaults.serverError ?? 0);
    expect(outcomes.filter((o) => o === 'timeout')).toHaveLength(fake.injectedFaults.timeout ?? 0);
    const die = faultDie(['serverError', 'timeout'] as const, { serverError: 0.5, timeout: 0.2 }, 3);
    const expected: Record<string, string> = { serverError: 'status 500', timeout: 'timeout' };
    expect(outcomes).toEqual(Array.from({ length: 12 }, () => expected[die.roll() ?? ''] ?? 'ok'));
  });
});

describe('Twilio REST fake: failed call updates', () => {
  it('updateFailure makes calls.update fail with the given status; nothing is recorded as done', async () => {
    const accountSid = 'AC00000000000000000000000000000001';
    const fake = await startTwilioRestFake({
      accountSid,
      authToken: 't',
      faults: { updateFailure: 1, status: 503 },
    });
    cleanup.push(() => fake.close());
    const telephony = new TwilioTelephony({ accountSid, authToken: 't', apiBaseUrl: fake.baseUrl });
    await expect(telephony.hangup('CA00000000000000000000000000000001')).rejects.toMatchObject({
      status: 503,
      retryable: true,
    });
    expect(fake.updates).toHaveLength(0);
    expect(fake.injectedFaults.updateFailure).toBe(1);
  });
});
