// What the voice vendor is asked for each prompt: zero retention (enableLogging: false) goes with
// every prompt that can contain caller data; static prompts (a cacheKey: no caller data) are
// synthesised like their pre-warmed copies, and once cached are not asked for again.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../providers/fake/clock';
import { FakeTextToSpeech } from '../providers/fake/text-to-speech';
import { Playback } from './playback';
import { MemoryPromptCache } from './prompt-cache';

const sink = { media: () => undefined, mark: () => undefined, clear: () => undefined };

function playback(enableLogging?: boolean) {
  const tts = new FakeTextToSpeech();
  const voice = {
    voiceId: 'v',
    languageCode: 'de-DE',
    ...(enableLogging === undefined ? {} : { enableLogging }),
  };
  const p = new Playback({ clock: manualClock().clock, sink, tts, cache: new MemoryPromptCache(), voice });
  return { p, tts };
}

const STATIC = { promptId: 'frage', text: 'Wie ist Ihr Name?', cacheKey: 'hash:personalien:frage' };
const READBACK = { promptId: 'readback', text: 'Ich habe 3. März 1980 verstanden. Stimmt das?' };

describe('playback: what the voice vendor is asked', () => {
  it('zero retention: prompts with caller data carry enableLogging false, static prompts do not', async () => {
    const { p, tts } = playback(false);
    await p.speak(STATIC);
    await p.speak(READBACK);
    await p.speak(STATIC); // cached now: not synthesised again
    expect(tts.requests.map((r) => [r.text, r.enableLogging])).toEqual([
      [STATIC.text, undefined],
      [READBACK.text, false],
    ]);
    p.stop();
  });

  it('without the setting nothing asks for it', async () => {
    const { p, tts } = playback();
    await p.speak(READBACK);
    expect(tts.requests[0]).not.toHaveProperty('enableLogging');
    expect(tts.requests[0]).toMatchObject({ voiceId: 'v', languageCode: 'de-DE' });
    p.stop();
  });
});
