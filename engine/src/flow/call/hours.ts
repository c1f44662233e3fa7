// Business hours: is the organisation open at a given instant? Wall-clock time in the flow's
// time zone comes from Intl (DST-safe: 08:00 in Berlin is 08:00 in summer and in winter).
// Intervals are [from, to): open at `from`, closed at `to`.
import type { BusinessHours } from '../format/schema';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Intl formatters are costly to build; one per time zone, reused (a cache, not state).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** HH:MM in the zone. */
  time: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function localTime(epochMs: number, timeZone: string): LocalTime {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) p[part.type] = part.value;
  const hour = p.hour === '24' ? '00' : p.hour;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${hour}:${p.minute}`, weekday: WEEKDAY[p.weekday] };
}

export function isOpen(hours: BusinessHours, epochMs: number): boolean {
  const t = localTime(epochMs, hours.timeZone);
  if (hours.closedDates?.includes(t.date)) return false;
  const intervals = hours.weekly[DAYS[t.weekday]] ?? [];
  return intervals.some(([from, to]) => t.time >= from && t.time < to);
}
