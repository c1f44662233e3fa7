// Cached prompts go out pre-encoded (their base64 computed when they entered the prompt cache, the
// message joined from a per-stream prefix): what Twilio receives must be byte for byte what the
// per-frame path (`mediaMessage`) sends, for the recorded stream and for awkward ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { base64Of } from '../../audio/encoded-frames';
import { FrameSplitter } from '../../audio/frames';
import { syntheticSpeech } from '../../audio/synthetic-speech';
import { manualClock } from '../../providers/fake/clock';
import { FakeTextToSpeech } from '../../providers/fake/text-to-speech';
import { Playback } from '../../runtime/playback';
import { MemoryPromptCache, voiceCacheKey } from '../../runtime/prompt-cache';
import { mediaMessage, mediaMessages, mediaSender, parseTwilioMessage } from './codec';

const recorded: unknown[] = JSON.parse(
  readFileSync(new URL('./fixtures/twilio-call.json', import.meta.url), 'utf8'),
);

/** Stream ids JSON must escape (quote, backslash, control and line-separator characters, umlauts). */
const AWKWARD_SIDS = ['MZ"quoted"', 'MZ\\back\\slash', 'MZ\u0001\n\t', 'MZ\u2028\u2029', 'MZ-Grüße-😀', ''];

describe('pre-encoded media messages: byte-identical to mediaMessage', () => {
  it('on the recorded call: its stream id and audio, with and without a precomputed base64', () => {
    let checked = 0;
    for (const m of recorded) {
      const parsed = parseTwilioMessage(JSON.stringify(m));
      if (!parsed.ok || parsed.message.type !== 'media') continue;
      const { streamSid, audio } = parsed.message;
      const message = mediaMessages(streamSid);
      expect(message(audio)).toBe(mediaMessage(streamSid, audio));
      expect(message(audio, base64Of(audio))).toBe(mediaMessage(streamSid, audio));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('for frames of every length, viewed inside a larger buffer, and stream ids JSON must escape', () => {
    const big = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31 + 7) & 0xff);
    for (const sid of AWKWARD_SIDS) {
      const message = mediaMessages(sid);
      for (let length = 0; length <= 400; length += 13) {
        const frame = big.subarray(length % 50, (length % 50) + length);
        expect(message(frame, base64Of(frame))).toBe(mediaMessage(sid, frame));
        expect(message(frame)).toBe(mediaMessage(sid, frame));
      }
    }
  });
});

describe('a cached prompt on the line', () => {
  it('sends what the per-frame path would, from base64 shared by every call that plays it', async () => {
    const cache = new MemoryPromptCache();
    const audio = syntheticSpeech(1_010, { seed: 3 }); // not a whole number of frames: the last is padded
    const prompt = { promptId: 'gruss', text: 'Guten Tag', cacheKey: 'hash:gruss' };
    cache.set(voiceCacheKey('v', prompt.cacheKey), audio);
    const splitter = new FrameSplitter();
    const frames = [...splitter.push(audio), splitter.flush()!];
    const calls = ['MZcall1', 'MZ"call2"'].map((streamSid) => {
      const sent: string[] = [];
      const base64s: (string | undefined)[] = [];
      const send = mediaSender(streamSid, (text) => sent.push(text));
      const { clock, advance } = manualClock();
      const sink = {
        media: (f: Uint8Array, base64?: string) => (base64s.push(base64), send(f, base64)),
        mark: () => undefined,
        clear: () => undefined,
      };
      const voice = { voiceId: 'v', languageCode: 'de-DE' };
      const playback = new Playback({ clock, sink, tts: new FakeTextToSpeech(), cache, voice });
      return { streamSid, sent, base64s, playback, advance };
    });
    for (const call of calls) {
      await call.playback.speak(prompt);
      call.advance(frames.length * 20 + 200);
      expect(call.sent).toEqual(frames.map((f) => mediaMessage(call.streamSid, f)));
      expect(call.base64s.every((b) => b !== undefined)).toBe(true);
    }
    // The same strings reach both calls: computed once, when the audio entered the cache.
    const shared = cache.encoded(voiceCacheKey('v', prompt.cacheKey))!.base64;
    for (const call of calls) call.base64s.forEach((b, i) => expect(b).toBe(shared[i]));
  });
});
