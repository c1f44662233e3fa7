// The pool opens a connection only when every one is full, fills the least busy first, and
// counts a stream once however many times its end is reported.
import { describe, expect, it } from 'vitest';
import { ChannelPool } from './channel-pool';

describe('ChannelPool', () => {
  it('makes one client at once and another only when every client carries its cap', () => {
    let made = 0;
    const pool = new ChannelPool(() => ++made, 2);
    expect(made).toBe(1);
    const leases = [pool.acquire(), pool.acquire()];
    expect(made).toBe(1);
    leases.push(pool.acquire());
    expect(made).toBe(2);
    expect(leases.map((l) => l.client)).toEqual([1, 1, 2]);
    expect(pool.load).toEqual([2, 1]);
  });

  it('puts a new stream on the least busy client, and a stream ended twice frees one place', () => {
    let made = 0;
    const pool = new ChannelPool(() => ++made, 3);
    const first = [pool.acquire(), pool.acquire(), pool.acquire()];
    const second = pool.acquire();
    expect(pool.load).toEqual([3, 1]);
    first[0].release();
    first[0].release();
    first[1].release();
    expect(pool.load).toEqual([1, 1]);
    expect(pool.acquire().client).toBe(1);
    second.release();
    expect(pool.acquire().client).toBe(2);
    expect(pool.load).toEqual([2, 1]);
  });

  it('refuses a cap below one stream', () => {
    expect(() => new ChannelPool(() => ({}), 0)).toThrow(/at least 1/);
  });
});
