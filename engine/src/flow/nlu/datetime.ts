import * as chrono from 'chrono-node';
import type { Lang } from './lang.js';
import type { DayPart } from './datetimeLexicon.js';
import { findDay, type DayMatch } from './calendarDay.js';
import { dateTokens, findDayPart, findDuration, saysNow } from './datetimeText.js';
import { findTime, type ClockTime } from './timeOfDay.js';
import { addDays, instantOf, isoInZone, offsetMinutesAt, wallClockAt, type WallClock } from './zonedTime.js';

export interface DateTimeContext {
  /** The current instant, ISO 8601 (time enters as data, never from a clock in here). */
  now: string;
  /** The flow's IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
}
export type DateTimeExpectation = 'date' | 'time' | 'datetime';
export interface ParsedDateTime {
  /** ISO 8601 with the offset of the flow's time zone at that instant, e.g. "2026-03-28T09:00:00+01:00". */
  start: string;
  /** Exclusive end of a range: "morgen Vormittag" → 12:00, "zwischen 10 und 12" → 12:00, "nächste Woche" → Saturday. */
  end?: string;
  precision: 'day' | 'part-of-day' | 'minute';
}

/**
 * Hours without am/pm are read in business context: "halb drei" and "um 5" are afternoon
 * (1–6 → 13–18), unless a part of the day says otherwise ("morgens um 6").
 */
function hour24(t: ClockTime, part: DayPart | null): number {
  if (t.meridiem === 'pm') return (t.hour % 12) + 12;
  if (t.meridiem === 'am') return t.hour % 12;
  if (part) return part.pm && t.hour < 12 ? t.hour + 12 : t.hour;
  return t.hour >= 1 && t.hour <= 6 ? t.hour + 12 : t.hour % 24;
}

interface Zoned {
  tz: string;
  now: number;
  today: WallClock;
}

const at = (z: Zoned, day: WallClock, hour: number, minute: number) =>
  isoInZone(instantOf({ ...day, hour, minute }, z.tz), z.tz);

function withTime(
  z: Zoned,
  day: DayMatch | null,
  start: ClockTime,
  end: ClockTime | undefined,
  part: DayPart | null,
): ParsedDateTime | null {
  const h = hour24(start, part);
  if (h > 23 || start.minute > 59 || h < 0) return null;
  let date = day?.date ?? z.today;
  if (!day && instantOf({ ...z.today, hour: h, minute: start.minute }, z.tz) <= z.now)
    date = addDays(z.today, 1);
  const result: ParsedDateTime = { start: at(z, date, h, start.minute), precision: 'minute' };
  if (end) {
    let eh = hour24(end, part);
    if (eh < h && eh + 12 <= 24) eh += 12;
    if (eh <= 23 && eh * 60 + end.minute > h * 60 + start.minute) result.end = at(z, date, eh, end.minute);
  }
  return result;
}

function withPart(z: Zoned, day: DayMatch | null, part: DayPart): ParsedDateTime {
  let date = day?.date ?? z.today;
  if (!day && instantOf({ ...z.today, hour: part.to, minute: 0 }, z.tz) <= z.now) date = addDays(z.today, 1);
  return { start: at(z, date, part.from, 0), end: at(z, date, part.to, 0), precision: 'part-of-day' };
}

function dayOnly(z: Zoned, day: DayMatch): ParsedDateTime {
  const result: ParsedDateTime = { start: at(z, day.date, 0, 0), precision: 'day' };
  if (day.until) result.end = at(z, addDays(day.until, 1), 0, 0);
  return result;
}

/**
 * Forms our grammar does not know (e.g. "3/4/2026", "Tuesday the 14th"): chrono's parsers, only
 * for certain dates/times. Chrono costs milliseconds, so it only runs when the text has a digit.
 */
function viaChrono(text: string, lang: Lang, z: Zoned, expect: DateTimeExpectation): ParsedDateTime | null {
  if (!/\d/.test(text)) return null;
  const ref = { instant: new Date(z.now), timezone: offsetMinutesAt(z.now, z.tz) };
  const r = (lang === 'de' ? chrono.de : chrono.en).parse(text, ref, { forwardDate: true })[0];
  if (!r) return null;
  const s = r.start;
  const hasDate = s.isCertain('day') || s.isCertain('weekday');
  const hasTime = s.isCertain('hour');
  if (!hasDate && !hasTime) return null;
  const day: WallClock = {
    year: s.get('year') ?? z.today.year,
    month: s.get('month') ?? 1,
    day: s.get('day') ?? 1,
    hour: 0,
    minute: 0,
  };
  if (!hasTime || expect === 'date')
    return expect === 'time' ? null : { start: at(z, day, 0, 0), precision: 'day' };
  return { start: at(z, day, s.get('hour') ?? 0, s.get('minute') ?? 0), precision: 'minute' };
}

/**
 * Understands when the caller means: a day, a part of a day, a time or a range, in the flow's time
 * zone. Null when the text says no time. An unknown time zone throws (RangeError from Intl): the
 * flow loader's settings rule rejects such flows before any call.
 */
export function parseDateTime(
  text: string,
  lang: Lang,
  ctx: DateTimeContext,
  expect: DateTimeExpectation = 'datetime',
): ParsedDateTime | null {
  const now = Date.parse(ctx.now);
  if (Number.isNaN(now)) return null;
  const z: Zoned = { tz: ctx.timeZone, now, today: wallClockAt(now, ctx.timeZone) };
  const tokens = dateTokens(text, lang);
  const minutes = findDuration(tokens, lang);
  if (minutes !== null)
    return expect === 'date' ? null : { start: isoInZone(now + minutes * 60_000, z.tz), precision: 'minute' };
  const day = findDay(tokens, lang, z.today);
  const rest = day ? tokens.map((w, i) => (i >= day.from && i < day.to ? '' : w)) : tokens;
  const time = findTime(rest, lang, expect === 'time');
  const part = findDayPart(
    time ? tokens.map((w, i) => (i >= time.from && i < time.to ? '' : w)) : tokens,
    lang,
  );
  if (expect === 'date') return day ? dayOnly(z, day) : viaChrono(text, lang, z, expect);
  if (time) return withTime(z, day, time.start, time.end, part?.part ?? null);
  if (part) return withPart(z, day, part.part);
  if (day) return expect === 'time' ? null : dayOnly(z, day);
  if (saysNow(tokens, lang)) return { start: isoInZone(now, z.tz), precision: 'minute' };
  return viaChrono(text, lang, z, expect);
}
