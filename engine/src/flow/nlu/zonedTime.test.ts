import { describe, expect, it } from 'vitest';
import { instantOf, isoInZone, offsetMinutesAt, wallClockAt } from './zonedTime.js';

const BERLIN = 'Europe/Berlin';

describe('zoned time', () => {
  it('knows Berlin winter and summer offsets, and the switch at 01:00 UTC', () => {
    expect(offsetMinutesAt(Date.parse('2026-01-15T12:00:00Z'), BERLIN)).toBe(60);
    expect(offsetMinutesAt(Date.parse('2026-07-15T12:00:00Z'), BERLIN)).toBe(120);
    expect(offsetMinutesAt(Date.parse('2026-03-29T00:59:00Z'), BERLIN)).toBe(60);
    expect(offsetMinutesAt(Date.parse('2026-03-29T01:00:00Z'), BERLIN)).toBe(120);
  });
  it('handles zones with half-hour offsets and zones west of UTC', () => {
    expect(isoInZone(Date.parse('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-15T17:30:00+05:30');
    expect(isoInZone(Date.parse('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(
      '2026-01-15T07:00:00-05:00',
    );
  });
  it('round-trips wall clock → instant → wall clock on ordinary days', () => {
    const w = { year: 2026, month: 11, day: 25, hour: 9, minute: 45 };
    expect(wallClockAt(instantOf(w, BERLIN), BERLIN)).toEqual(w);
  });
  it('moves a time in the spring-forward gap forward, like the clocks do', () => {
    const t = instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN);
    expect(isoInZone(t, BERLIN)).toBe('2026-03-29T03:30:00+02:00');
  });
  it('takes the earlier instant of an ambiguous autumn time', () => {
    const t = instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN);
    expect(new Date(t).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
