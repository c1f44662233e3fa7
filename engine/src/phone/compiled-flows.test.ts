import { describe, expect, it } from 'vitest';
import type { CompiledFlow } from '../flow/compiled';
import { CompiledFlowCache, type CompiledVersion } from './compiled-flows';

const entry = (name: string): CompiledVersion => ({
  compiled: { name } as unknown as CompiledFlow,
  targets: new Map(),
});

describe('CompiledFlowCache', () => {
  it('compiles a version once for concurrent and later calls', async () => {
    const cache = new CompiledFlowCache();
    let builds = 0;
    const build = async () => (builds++, entry('v1'));
    const [a, b] = await Promise.all([cache.get('t/f/1', build), cache.get('t/f/1', build)]);
    const c = await cache.get('t/f/1', build);
    expect(builds).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it('does not keep a version that could not be loaded, nor a failed build', async () => {
    const cache = new CompiledFlowCache();
    expect(await cache.get('gone', async () => undefined)).toBeUndefined();
    await expect(cache.get('broken', async () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    await new Promise((r) => setImmediate(r));
    expect(cache.size).toBe(0);
    expect(await cache.get('gone', async () => entry('now there'))).toMatchObject({
      compiled: { name: 'now there' },
    });
  });

  it('drops the least recently used entry beyond its bound', async () => {
    const cache = new CompiledFlowCache(2);
    await cache.get('a', async () => entry('a'));
    await cache.get('b', async () => entry('b'));
    await cache.get('a', async () => entry('a again')); // a is now the most recent
    await cache.get('c', async () => entry('c'));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => entry('rebuilt'))).toMatchObject({ compiled: { name: 'a' } });
    expect(await cache.get('b', async () => entry('rebuilt b'))).toMatchObject({
      compiled: { name: 'rebuilt b' },
    });
  });
});
