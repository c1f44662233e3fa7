import { describe, expect, it } from 'vitest';
import { manualClock } from '../providers/fake/clock';
import { ParkingLot } from './parking';

function lot() {
  const { clock, advance } = manualClock();
  const expired: string[] = [];
  return {
    parking: new ParkingLot<string>({ clock, onExpire: (item) => expired.push(item) }),
    advance,
    expired,
  };
}

describe('ParkingLot', () => {
  it('hands the item back once when the outcome arrives in time; it never expires afterwards', () => {
    const t = lot();
    t.parking.park('CA1', 'call-1', 25_000);
    t.advance(24_000);
    expect(t.parking.take('CA1')).toBe('call-1');
    expect(t.parking.take('CA1')).toBeUndefined();
    t.advance(60_000);
    expect(t.expired).toEqual([]);
    expect(t.parking.size).toBe(0);
  });

  it('always ends: an item nobody asks for expires exactly once and is gone', () => {
    const t = lot();
    t.parking.park('CA1', 'call-1', 25_000);
    t.advance(25_000);
    expect(t.expired).toEqual(['call-1']);
    expect(t.parking.peek('CA1')).toBeUndefined();
    t.advance(100_000);
    expect(t.expired).toEqual(['call-1']);
  });

  it('extend gives a new deadline; release and expireAll leave nothing behind', () => {
    const t = lot();
    t.parking.park('CA1', 'call-1', 10_000);
    t.advance(9_000);
    expect(t.parking.extend('CA1', 10_000)).toBe(true);
    t.advance(9_000);
    expect(t.expired).toEqual([]);
    t.parking.release('call-1');
    expect(t.parking.size).toBe(0);
    t.parking.park('CA2', 'call-2', 10_000);
    t.parking.park('CA3', 'call-3', 10_000);
    t.parking.expireAll();
    expect(t.expired).toEqual(['call-2', 'call-3']);
    t.advance(20_000);
    expect(t.expired).toEqual(['call-2', 'call-3']);
  });

  it('a second item under the same key lets the first one expire rather than leak', () => {
    const t = lot();
    t.parking.park('CA1', 'old', 10_000);
    t.parking.park('CA1', 'new', 10_000);
    expect(t.expired).toEqual(['old']);
    expect(t.parking.peek('CA1')).toBe('new');
  });
});
