import { describe, expect, it } from 'vitest';
import { systemClock } from '../ports/clock';
import { FakeTextToSpeech } from '../providers/fake/text-to-speech';
import { MemoryPromptCache, voiceCacheKey } from './prompt-cache';
import { PromptWarmer } from './prompt-warmer';

const voice = { voiceId: 'v1', languageCode: 'de-DE' };
const prompts = [
  {
    cacheKey: 'builtin:de:technicalFault',
    text: 'Entschuldigung, wir haben gerade eine technische Störung.',
  },
  { cacheKey: 'abc:hallo:disclosure', text: 'Sie sprechen mit einem KI-Assistenten.' },
  { cacheKey: 'abc:hallo:question', text: 'Einverstanden?' },
];

describe('PromptWarmer', () => {
  it('puts every prompt in the cache in this voice, and synthesizes nothing twice', async () => {
    const tts = new FakeTextToSpeech();
    const cache = new MemoryPromptCache();
    const warmer = new PromptWarmer({ tts, cache, clock: systemClock });
    expect(await warmer.warm(prompts, voice)).toEqual({ warmed: 3, skipped: 0, failed: 0 });
    for (const p of prompts) expect(cache.get(voiceCacheKey('v1', p.cacheKey))?.length).toBeGreaterThan(0);
    expect(cache.get(prompts[0].cacheKey)).toBeUndefined(); // never without the voice
    const again = await Promise.all([warmer.warm(prompts, voice), warmer.warm(prompts, voice)]);
    expect(again.map((r) => r.skipped)).toEqual([3, 3]);
    expect(tts.requests).toHaveLength(3);
    await warmer.warm(prompts.slice(0, 1), { ...voice, voiceId: 'v2' });
    expect(tts.requests).toHaveLength(4);
  });

  it('never has more than `concurrency` syntheses at the vendor at once', async () => {
    let active = 0;
    let peak = 0;
    const inner = new FakeTextToSpeech({ firstByteDelayMs: 5 });
    const tts = {
      async *synthesize(r: Parameters<FakeTextToSpeech['synthesize']>[0]) {
        active++;
        peak = Math.max(peak, active);
        try {
          yield* inner.synthesize(r);
        } finally {
          active--;
        }
      },
    };
    const many = Array.from({ length: 8 }, (_, i) => ({ cacheKey: `k${i}`, text: `Satz ${i}` }));
    await new PromptWarmer({ tts, cache: new MemoryPromptCache(), clock: systemClock, concurrency: 2 }).warm(
      many,
      voice,
    );
    expect(peak).toBe(2);
  });

  it('a vendor failure is a PII-free code, never an exception; the rest is still warmed', async () => {
    const tts = new FakeTextToSpeech();
    tts.failNext({ kind: 'status', status: 503 });
    const codes: string[] = [];
    const cache = new MemoryPromptCache();
    const result = await new PromptWarmer({
      tts,
      cache,
      clock: systemClock,
      concurrency: 1,
      onError: (c) => codes.push(c),
    }).warm(prompts, voice);
    expect(result).toEqual({ warmed: 2, skipped: 0, failed: 1 });
    expect(codes).toEqual(['tts_unavailable']);
    expect(cache.size).toBe(2);
  });
});
