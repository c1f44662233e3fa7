import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../format/schema';
import { isOpen, localTime } from './hours';

const berlin: BusinessHours = {
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [
      ['08:00', '12:00'],
      ['14:00', '18:00'],
    ],
    sun: [],
  },
  closedDates: ['2026-04-06'],
};

describe('business hours', () => {
  it.each([
    ['2026-03-02T07:59:00+01:00', false, 'Monday before opening'],
    ['2026-03-02T08:00:00+01:00', true, 'Monday at opening (winter time)'],
    ['2026-03-02T11:59:00+01:00', true, 'just before lunch'],
    ['2026-03-02T12:00:00+01:00', false, 'the closing minute is closed'],
    ['2026-03-02T14:30:00+01:00', true, 'afternoon'],
    ['2026-03-30T08:00:00+02:00', true, 'Monday at opening after the switch to summer time'],
    ['2026-03-30T07:30:00+02:00', false, 'summer time, still closed (06:30 would be open in UTC+1 thinking)'],
    ['2026-10-26T08:00:00+01:00', true, 'Monday after the switch back to winter time'],
    ['2026-04-06T10:00:00+02:00', false, 'Easter Monday is in closedDates'],
    ['2026-03-03T10:00:00+01:00', false, 'Tuesday has no hours'],
    ['2026-03-01T10:00:00+01:00', false, 'Sunday with an empty list'],
  ])('%s → open=%s (%s)', (iso, open) => {
    expect(isOpen(berlin, Date.parse(iso))).toBe(open);
  });

  it('reads the wall clock of the flow time zone, not of the machine', () => {
    expect(localTime(Date.parse('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-07-02',
      time: '00:30',
      weekday: 4,
    });
    expect(localTime(Date.parse('2026-07-01T22:30:00Z'), 'Europe/London')).toEqual({
      date: '2026-07-01',
      time: '23:30',
      weekday: 3,
    });
  });
});
