/**
 * Wall-clock time in an IANA time zone ⇄ instants, with Intl only (pure, works in browsers).
 * The flow's time zone, not the server's, decides what "morgen um 10" means.
 */

export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function intlWallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
  };
}

/**
 * Intl is the slow part of every date answer, and offsets only change on quarter-hour
 * boundaries (all real zone transitions do), so offsets are memoised per zone and quarter hour.
 * Bounded: cleared when it grows large.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/** Offset of `timeZone` from UTC at `epochMs`, in minutes (Berlin in winter: 60). */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const bucket = Math.floor(epochMs / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${bucket}`;
  let off = offsets.get(key);
  if (off === undefined) {
    const w = intlWallClock(bucket, timeZone);
    off = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - bucket) / 60_000);
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

/** The wall clock in `timeZone` at `epochMs` (seconds dropped). */
export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const d = new Date(epochMs + offsetMinutesAt(epochMs, timeZone) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/**
 * The instant at which `timeZone` shows wall clock `w`. In the spring-forward gap (02:30 that does
 * not exist) the result is pushed forward by the gap, as clocks do; in the autumn overlap the
 * earlier (summer-time) instant is taken.
 */
export function instantOf(w: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  // Offsets a day before and after cover both sides of any DST change near `w`.
  const before = asUtc - offsetMinutesAt(asUtc - 86_400_000, timeZone) * 60_000;
  const after = asUtc - offsetMinutesAt(asUtc + 86_400_000, timeZone) * 60_000;
  const shows = (t: number) => {
    const x = wallClockAt(t, timeZone);
    return x.day === w.day && x.hour === w.hour && x.minute === w.minute;
  };
  const valid = [before, after].filter(shows);
  return valid.length > 0 ? Math.min(...valid) : before;
}

const pad = (n: number, len = 2) => String(n).padStart(len, '0');

/** "2026-03-28T09:00:00+01:00": the instant written as the wall clock of `timeZone` with its offset. */
export function isoInZone(epochMs: number, timeZone: string): string {
  const w = wallClockAt(epochMs, timeZone);
  const off = offsetMinutesAt(epochMs, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Calendar arithmetic on a date without a zone: adds days, keeps the month/year right. */
export function addDays(w: WallClock, days: number): WallClock {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekdayOf(w: WallClock): number {
  return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
}
