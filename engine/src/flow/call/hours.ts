// Business hours: is the organisation open at a given instant? Wall-clock time in the flow's
// time zone comes from the one zoned clock (`nlu/zonedTime.ts`, Intl underneath; DST-safe: 08:00
// in Berlin is 08:00 in summer and in winter).
// Intervals are [from, to): open at `from`, closed at `to`.
import type { BusinessHours } from '../format/schema';
import { wallClockAt, weekdayOf } from '../nlu/zonedTime.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** HH:MM in the zone. */
  time: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function localTime(epochMs: number, timeZone: string): LocalTime {
  const w = wallClockAt(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
    time: `${pad(w.hour)}:${pad(w.minute)}`,
    weekday: weekdayOf(w),
  };
}

export function isOpen(hours: BusinessHours, epochMs: number): boolean {
  const t = localTime(epochMs, hours.timeZone);
  if (hours.closedDates?.includes(t.date)) return false;
  const intervals = hours.weekly[DAYS[t.weekday]] ?? [];
  return intervals.some(([from, to]) => t.time >= from && t.time < to);
}
