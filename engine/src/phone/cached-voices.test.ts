import { describe, expect, it } from 'vitest';
import { ProviderError } from '../ports/provider-error';
import type { VoiceOption } from '../ports/voice-catalog';
import { CachedVoiceCatalog } from './cached-voices';

const GRETA: VoiceOption = { id: 'v1', name: 'Greta', labels: {} };

function source(answers: (() => Promise<VoiceOption[]>)[]) {
  let asked = 0;
  return {
    get asked() {
      return asked;
    },
    list: () => answers[Math.min(asked++, answers.length - 1)](),
  };
}

describe('CachedVoiceCatalog', () => {
  it('asks the vendor once per ttl, and concurrent askers share the request', async () => {
    let t = 0;
    const vendor = source([async () => [GRETA]]);
    const cached = new CachedVoiceCatalog(vendor, { now: () => t }, 1000);
    const [a, b] = await Promise.all([cached.list(), cached.list()]);
    expect(a).toEqual([GRETA]);
    expect(b).toBe(a);
    t = 999;
    await cached.list();
    expect(vendor.asked).toBe(1);
    t = 1000;
    await cached.list();
    expect(vendor.asked).toBe(2);
  });

  it('keeps no failure: the next ask tries again', async () => {
    const refused = new ProviderError({ provider: 'elevenlabs', code: 'auth', retryable: false });
    const vendor = source([() => Promise.reject(refused), async () => [GRETA]]);
    const cached = new CachedVoiceCatalog(vendor, { now: () => 0 });
    await expect(cached.list()).rejects.toBe(refused);
    await expect(cached.list()).resolves.toEqual([GRETA]);
    expect(vendor.asked).toBe(2);
  });
});
