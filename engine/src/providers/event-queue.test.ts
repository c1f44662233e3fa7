import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';

describe('event queue (callbacks → AsyncIterable)', () => {
  it('delivers pushed items in order to a waiting and a late consumer, then ends', async () => {
    const q = new EventQueue<number>();
    const got: number[] = [];
    const done = (async () => {
      for await (const n of q) got.push(n);
    })();
    q.push(1);
    await Promise.resolve();
    q.push(2);
    q.push(3);
    q.end();
    q.push(4);
    await done;
    expect(got).toEqual([1, 2, 3]);
  });

  it('fails the consumer after delivering what was queued before the error', async () => {
    const q = new EventQueue<string>();
    q.push('a');
    q.fail(new Error('boom'));
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const s of q) got.push(s);
      })(),
    ).rejects.toThrow('boom');
    expect(got).toEqual(['a']);
  });

  it('ends when the consumer breaks out of the loop', async () => {
    const q = new EventQueue<number>();
    q.push(1);
    q.push(2);
    for await (const _ of q) break;
    expect(q.ended).toBe(true);
  });
});
