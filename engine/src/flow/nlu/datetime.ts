import * as chrono from 'chrono-node';
import type { Lang } from './lang.js';
import { instantOf, isoInZone, offsetMinutesAt, type WallClock } from './zonedTime.js';

export interface DateTimeContext {
  /** The current instant, ISO 8601 (time enters as data, never from a clock in here). */
  now: string;
  /** The flow's IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
}
export type DateTimeExpectation = 'date' | 'time' | 'datetime';
export interface ParsedDateTime {
  /** ISO 8601 with the offset of the flow's time zone at that instant. */
  start: string;
  /** End of a range ("morgen Vormittag" → 12:00, "zwischen 10 und 12"). */
  end?: string;
  precision: 'day' | 'part-of-day' | 'minute';
}

/** Understands when the caller means: a day, a part of a day, a time or a range. */
export function parseDateTime(text: string, lang: Lang, ctx: DateTimeContext, expect: DateTimeExpectation = 'datetime'): ParsedDateTime | null {
  const nowMs = Date.parse(ctx.now);
  if (Number.isNaN(nowMs)) return null;
  const ref = { instant: new Date(nowMs), timezone: offsetMinutesAt(nowMs, ctx.timeZone) };
  const results = (lang === 'de' ? chrono.de : chrono.en).parse(text, ref, { forwardDate: true });
  const r = results[0];
  if (!r) return null;
  const hasTime = r.start.isCertain('hour');
  const w: WallClock = {
    year: r.start.get('year') ?? 0, month: r.start.get('month') ?? 1, day: r.start.get('day') ?? 1,
    hour: hasTime ? r.start.get('hour') ?? 0 : 0, minute: hasTime ? r.start.get('minute') ?? 0 : 0,
  };
  if (expect === 'time' && !hasTime) return null;
  return { start: isoInZone(instantOf(w, ctx.timeZone), ctx.timeZone), precision: hasTime && expect !== 'date' ? 'minute' : 'day' };
}
