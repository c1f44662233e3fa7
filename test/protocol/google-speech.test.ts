// Google Speech provider over real gRPC against the fake server: the wire config, stream
// restarts that lose no words, fault handling, clean close and loopback-only networking.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../engine/src/ports/provider-error';
import type { SpeechEvent } from '../../engine/src/ports/speech-to-text';
import {
  GoogleSpeechToText,
  type GoogleSpeechOptions,
} from '../../engine/src/providers/google/speech-to-text';
import { silence, syntheticSpeech } from '../../engine/src/audio/synthetic-speech';
import { collect, stream } from '../contracts/speech-to-text.contract';
import { type GoogleSpeechFakeOptions, startGoogleSpeechFake } from '../fakes/google-speech-server';

const UNAVAILABLE = 14;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(
  fakeOptions: GoogleSpeechFakeOptions = {},
  options: Omit<GoogleSpeechOptions, 'endpoint' | 'insecure'> = {},
) {
  const fake = await startGoogleSpeechFake(fakeOptions);
  const stt = new GoogleSpeechToText({ endpoint: fake.endpoint, insecure: true, ...options });
  cleanup.push(
    () => fake.close(),
    () => stt.close(),
  );
  return { fake, stt };
}

/** n utterances of 700 ms speech, each followed by 500 ms of silence. */
function utterances(n: number): Uint8Array {
  const parts: Uint8Array[] = [silence(200)];
  for (let i = 0; i < n; i++) parts.push(syntheticSpeech(700, { seed: i + 1 }), silence(500));
  return Buffer.concat(parts);
}

const finalsOf = (events: SpeechEvent[]) =>
  events.filter(
    (e): e is Extract<SpeechEvent, { type: 'transcript' }> => e.type === 'transcript' && e.isFinal,
  );

describe('Google Speech provider on the wire', () => {
  it('sends μ-law 8 kHz untranscoded, the flow language, the telephony model, interim + voice events and phrase hints', async () => {
    const { fake, stt } = await setup();
    const session = stt.open({
      languageCode: 'de-DE',
      phraseHints: ['Termin', 'Rezept', 'Termin', ' '],
      hintBoost: 15,
    });
    const events = collect(session);
    await stream(session, silence(100));
    await session.close();
    await events;
    expect(fake.streams[0].config).toMatchObject({
      config: {
        encoding: 'MULAW',
        sampleRateHertz: 8000,
        languageCode: 'de-DE',
        model: 'telephony',
        speechContexts: [{ phrases: ['Termin', 'Rezept'], boost: 15 }],
      },
      interimResults: true,
      enableVoiceActivityEvents: true,
    });
    expect(fake.streams[0].audioMs).toBe(100);
  });

  it('takes a configured model (phone_call + enhanced where telephony lacks the language)', async () => {
    const { fake, stt } = await setup({}, { model: { model: 'phone_call', useEnhanced: true } });
    const session = stt.open({ languageCode: 'en-US' });
    session.write(silence(20));
    await session.close();
    expect(fake.streams[0].config).toMatchObject({ config: { model: 'phone_call', useEnhanced: true } });
  });

  it('restarts streams in pauses before the duration limit and loses no words across them', async () => {
    const { fake, stt } = await setup(
      { streamLimitMs: 3000 },
      { restartAfterMs: 1800, restartGraceMs: 1000 },
    );
    const phrases = Array.from({ length: 8 }, (_, i) => `Satz Nummer ${i + 1}`);
    fake.say(...phrases);
    const session = stt.open({ languageCode: 'de-DE' });
    const events = collect(session);
    await stream(session, utterances(8), 5);
    await session.close();
    const finals = finalsOf(await events);
    expect(finals.map((f) => f.text)).toEqual(phrases);
    expect(fake.streams.length).toBeGreaterThanOrEqual(4);
    expect(fake.streams.some((s) => s.outcome === 'failed')).toBe(false);
    // Times continue across streams: each final ends later than the one before, on the session clock.
    const ends = finals.map((f) => f.endMs ?? 0);
    for (let i = 1; i < ends.length; i++) expect(ends[i]).toBeGreaterThan(ends[i - 1]);
    expect(ends[7]).toBeGreaterThan(9000);
    expect(ends[7]).toBeLessThanOrEqual(9800);
  });

  it('swaps mid-speech when the caller talks through the grace period, replaying the unsettled audio', async () => {
    // Restart due at 2.0 s; the caller talks 1.5–2.4 s, so the swap at 2.2 s cuts the sentence.
    const { fake, stt } = await setup({ streamLimitMs: 3000 }, { restartAfterMs: 2000, restartGraceMs: 200 });
    fake.say('bitte rufen Sie mich zurück', 'danke');
    const session = stt.open({ languageCode: 'de-DE' });
    const events = collect(session);
    await stream(
      session,
      Buffer.concat([
        silence(1500),
        syntheticSpeech(900),
        silence(600),
        syntheticSpeech(600, { seed: 4 }),
        silence(500),
      ]),
      4,
    );
    await session.close();
    expect(finalsOf(await events).map((f) => f.text)).toEqual(['bitte rufen Sie mich zurück', 'danke']);
    expect(fake.streams[0].audioMs).toBeGreaterThan(2000);
    expect(fake.streams[0].audioMs).toBeLessThanOrEqual(2200);
    expect(fake.streams[0].finals).toEqual([]);
  });

  it('recovers from OUT_OF_RANGE when a stream outlives the limit, still losing no words', async () => {
    // The session would only swap at 4 s; the vendor cuts streams at 2 s.
    const { fake, stt } = await setup({ streamLimitMs: 2000 }, { restartAfterMs: 4000 });
    const phrases = ['eins', 'zwei', 'drei', 'vier', 'fünf'];
    fake.say(...phrases);
    const session = stt.open({ languageCode: 'de-DE' });
    const events = collect(session);
    await stream(session, utterances(5), 10);
    await session.close();
    expect(finalsOf(await events).map((f) => f.text)).toEqual(phrases);
    expect(fake.streams.filter((s) => s.outcome === 'failed').length).toBeGreaterThanOrEqual(2);
  });

  it('survives one transient fault by a fresh stream with replay', async () => {
    const { fake, stt } = await setup();
    fake.injectFault({ kind: 'error', code: UNAVAILABLE, afterAudioMs: 600 });
    fake.say('Hallo', 'Tschüss');
    const session = stt.open({ languageCode: 'de-DE' });
    const events = collect(session);
    await stream(session, utterances(2));
    await session.close();
    expect(finalsOf(await events).map((f) => f.text)).toEqual(['Hallo', 'Tschüss']);
    expect(fake.streams).toHaveLength(2);
  });

  it('gives up after the second transient fault with a retryable ProviderError (runtime falls back)', async () => {
    const { fake, stt } = await setup();
    fake.injectFault({ kind: 'error', code: UNAVAILABLE, afterAudioMs: 100 });
    fake.injectFault({ kind: 'error', code: UNAVAILABLE, afterAudioMs: 100 });
    const session = stt.open({ languageCode: 'de-DE' });
    const failure = collect(session).catch((e: unknown) => e);
    await stream(session, utterances(2));
    const error = await failure;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'google', code: 'stt_unavailable', retryable: true });
    await session.close();
  });

  it('closes within its timeout even when the vendor hangs (hangup never waits on Google)', async () => {
    const { fake, stt } = await setup({}, { closeTimeoutMs: 300 });
    fake.injectFault({ kind: 'stall' });
    const session = stt.open({ languageCode: 'de-DE' });
    const events = collect(session);
    await stream(session, utterances(1));
    const started = performance.now();
    await session.close();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await events).toEqual([]);
  });

  it('hears every caller when more calls run than one connection may carry, over connections of their own', async () => {
    // The fake announces a cap of 20 streams per connection; a client queues streams beyond it
    // silently, so a single connection would leave 30 of these callers unheard (stalled).
    const { fake, stt } = await setup(
      { maxConcurrentStreams: 20, phraseForSegment: () => 'ja' },
      { streamsPerChannel: 20 },
    );
    const sessions = Array.from({ length: 50 }, () => stt.open({ languageCode: 'de-DE' }));
    const heard = sessions.map(
      (session) =>
        new Promise<string>((resolve, reject) => {
          void (async () => {
            for await (const e of session.events)
              if (e.type === 'transcript' && e.isFinal) return resolve(e.text);
          })().catch(reject);
        }),
    );
    await Promise.all(sessions.map((session) => stream(session, utterances(1))));
    // Every call still open while the others wait for their answer, as on a busy line.
    expect(await Promise.all(heard)).toEqual(sessions.map(() => 'ja'));
    await Promise.all(sessions.map((session) => session.close()));
    expect(new Set(fake.streams.map((s) => s.peer)).size).toBe(3);
  });

  it('connects only to loopback: no metadata-server probe, no Google host', async () => {
    const targets: string[] = [];
    const original = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      // Node normalizes connect() arguments to [options, callback] before this method runs.
      const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as
        { host?: string; path?: string } | number | string;
      targets.push(
        typeof first === 'object' && first
          ? String(first.host ?? first.path ?? '')
          : String(args[1] ?? 'localhost'),
      );
      return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof original;
    try {
      const { fake, stt } = await setup();
      fake.say('Hallo');
      const session = stt.open({ languageCode: 'de-DE' });
      const events = collect(session);
      await stream(session, utterances(1));
      await session.close();
      expect(finalsOf(await events)).toHaveLength(1);
    } finally {
      net.Socket.prototype.connect = original;
    }
    expect(targets.length).toBeGreaterThan(0);
    for (const host of targets) expect(['127.0.0.1', 'localhost', '::1']).toContain(host);
  });
});
