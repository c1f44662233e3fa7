import type { DateTimeContext, ParsedDateTime } from './datetime.js';
import { isoInZone } from './zonedTime.js';

/**
 * Where a date must lie: `past` — not after today (a birth date; "morgen" is none), `future` — not
 * over yet (an appointment, a callback time; "gestern" is none). Seen from `ctx.now` in the flow's
 * time zone, by calendar day for days and by the instant for times.
 */
export type Period = 'past' | 'future';

/** An understood time: a ParsedDateTime, or a bare day "YYYY-MM-DD" (e.g. from the language model). */
export type When = Pick<ParsedDateTime, 'start' | 'end'> & { precision?: ParsedDateTime['precision'] };

/** "Now" may be a moment behind the words ("jetzt", "sofort"): a minute of slack for the future. */
const SLACK_MS = 60_000;

export function inPeriod(when: When, period: Period, ctx: DateTimeContext): boolean {
  const now = Date.parse(ctx.now);
  const today = isoInZone(now, ctx.timeZone).slice(0, 10);
  // ISO strings carry the flow zone's offset, so their first ten characters are the local day.
  const firstDay = when.start.slice(0, 10);
  if (period === 'past') return firstDay <= today;
  const isDay = when.precision === 'day' || /^\d{4}-\d{2}-\d{2}$/.test(when.start);
  if (isDay) return (when.end ?? when.start).slice(0, 10) >= today;
  // A range still running ("heute Vormittag" at eleven) is not over.
  return Date.parse(when.end ?? when.start) >= now - SLACK_MS;
}
