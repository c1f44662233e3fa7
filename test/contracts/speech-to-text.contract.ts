// The behaviour every SpeechToText provider must show, run against Google (SDK → fake gRPC
// server) and the in-process fake. What the runtime relies on: voice activity before words,
// one final per utterance in order, close() ends the stream with pending words settled,
// and fatal faults surface as ProviderError.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../engine/src/ports/provider-error';
import type { SpeechEvent, SpeechSession, SpeechToText } from '../../engine/src/ports/speech-to-text';
import { silence, syntheticSpeech, toFrames } from '../../engine/src/audio/synthetic-speech';

export interface SpeechToTextUnderTest {
  readonly stt: SpeechToText;
  /** Scripts what the next speech segments "say". */
  say(...phrases: string[]): void;
  /** The next session fails for good (not transient) after this much audio. */
  failNextSession(afterAudioMs: number): void;
  teardown(): Promise<void>;
}

/** Writes audio as Twilio would (160-byte frames), `speedup` times faster than real time. */
export async function stream(session: SpeechSession, audio: Uint8Array, speedup = 20): Promise<void> {
  const frames = toFrames(audio);
  for (let i = 0; i < frames.length; i++) {
    session.write(frames[i]);
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 200 / speedup));
  }
}

export async function collect(session: SpeechSession): Promise<SpeechEvent[]> {
  const events: SpeechEvent[] = [];
  for await (const e of session.events) events.push(e);
  return events;
}

const finals = (events: SpeechEvent[]) =>
  events.filter((e) => e.type === 'transcript' && e.isFinal).map((e) => (e as { text: string }).text);
const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);

export function describeSpeechToTextContract(
  name: string,
  setup: () => Promise<SpeechToTextUnderTest>,
): void {
  describe(`SpeechToText contract: ${name}`, () => {
    let sut: SpeechToTextUnderTest;
    beforeEach(async () => {
      sut = await setup();
    });
    afterEach(async () => {
      await sut.teardown();
    });

    it('hears two utterances as two finals, in order, with voice activity first', async () => {
      sut.say('ich möchte einen Termin', 'am Montag bitte');
      const session = sut.stt.open({ languageCode: 'de-DE', phraseHints: ['Termin'] });
      const events = collect(session);
      await stream(
        session,
        concat(
          silence(200),
          syntheticSpeech(900),
          silence(500),
          syntheticSpeech(700, { seed: 2 }),
          silence(500),
        ),
      );
      await session.close();
      const got = await events;
      expect(finals(got)).toEqual(['ich möchte einen Termin', 'am Montag bitte']);
      expect(got[0]).toMatchObject({ type: 'speech.begin' });
      const interim = got.find((e) => e.type === 'transcript' && !e.isFinal);
      expect(interim).toMatchObject({ text: 'ich' });
      const ends = got
        .filter((e) => e.type === 'transcript' && e.isFinal)
        .map((e) => (e as { endMs?: number }).endMs ?? 0);
      expect(ends[0]).toBeGreaterThan(1000);
      expect(ends[1]).toBeGreaterThan(ends[0]);
    });

    it('settles an utterance still in progress when the session is closed (hangup)', async () => {
      sut.say('Rückruf bitte');
      const session = sut.stt.open({ languageCode: 'de-DE' });
      const events = collect(session);
      await stream(session, concat(silence(100), syntheticSpeech(600)));
      await session.close();
      expect(finals(await events)).toEqual(['Rückruf bitte']);
    });

    it('ends quietly when closed without audio, and ignores audio after close', async () => {
      const session = sut.stt.open({ languageCode: 'en-US' });
      const events = collect(session);
      await session.close();
      session.write(syntheticSpeech(500));
      await session.close();
      expect(await events).toEqual([]);
    });

    it('surfaces a fatal fault as a non-retryable ProviderError from the event stream', async () => {
      sut.failNextSession(200);
      const session = sut.stt.open({ languageCode: 'de-DE' });
      const failure = collect(session).catch((e: unknown) => e);
      await stream(session, concat(syntheticSpeech(400), silence(400)));
      const error = await failure;
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ retryable: false });
      await session.close();
    });
  });
}
