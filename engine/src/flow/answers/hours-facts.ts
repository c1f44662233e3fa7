// Facts the engine derives from the flow's settings: the weekly opening hours, the closed dates
// ahead, and today / tomorrow / right now from the call's clock. They are spoken sentences like
// the tenant's own facts, so the same answer path, the model's grounding check and the designer's
// „Wissen" list all read them. A public-holiday calendar is not in scope: closed days are the
// tenant's `closedDates`.
import type { BusinessHours } from '../format/schema';
import { localTime } from '../call/hours';
import type { Lang } from '../nlu';
import type { KnownFact } from './types';

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** Day and month names as the flow's language says them (Intl, like the readback of dates). */
const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };
const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, options: Intl.DateTimeFormatOptions): (date: string) => string {
  const key = `${lang}:${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'UTC' })));
  const fmt = f;
  return (date) => fmt.format(new Date(`${date}T12:00:00Z`));
}
/** Weekday names, Sunday first: 2026-03-01 was a Sunday. */
const weekdayName = (day: number, lang: Lang): string =>
  format(lang, { weekday: 'long' })(`2026-03-0${day + 1}`);

/** How many closed dates ahead a caller hears (and the model sees). */
const CLOSED_AHEAD = 5;

/** "08:00" → "8", "08:30" → "8:30": how a receptionist says a time. */
export function spokenTime(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return m === '00' ? String(Number(h)) : `${Number(h)}:${m}`;
}

function joinList(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'de' ? 'und' : 'and'} ${items[items.length - 1]}`;
}

/** "von 8 bis 12 Uhr und von 14 bis 18 Uhr" / "from 8 to 12 and from 14 to 18". */
export function spokenIntervals(intervals: readonly (readonly [string, string])[], lang: Lang): string {
  const parts = intervals.map(([from, to]) =>
    lang === 'de'
      ? `von ${spokenTime(from)} bis ${spokenTime(to)} Uhr`
      : `from ${spokenTime(from)} to ${spokenTime(to)}`,
  );
  return joinList(parts, lang);
}

/** "Mittwoch, 4. März" / "Wednesday 4 March" for a YYYY-MM-DD date. */
export function spokenDate(date: string, lang: Lang): string {
  return format(lang, { weekday: 'long', day: 'numeric', month: 'long' })(date);
}

export function weekdayOfDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The opening intervals of one calendar day (none on a closed date). */
export function intervalsOn(hours: BusinessHours, date: string): readonly (readonly [string, string])[] {
  if (hours.closedDates?.includes(date)) return [];
  return hours.weekly[DAY_KEYS[weekdayOfDate(date)]] ?? [];
}

/** One sentence about one day: "Am Mittwoch, 4. März, haben wir von 8 bis 12 Uhr geöffnet." */
export function daySentence(hours: BusinessHours, date: string, lang: Lang, label?: string): string {
  const intervals = intervalsOn(hours, date);
  const closedDate = hours.closedDates?.includes(date) ?? false;
  const when = label ?? (lang === 'de' ? `Am ${spokenDate(date, lang)},` : `On ${spokenDate(date, lang)},`);
  if (intervals.length === 0) {
    if (lang === 'de') return `${when} haben wir ${closedDate ? 'ausnahmsweise ' : ''}geschlossen.`;
    return `${when} we are ${closedDate ? 'exceptionally ' : ''}closed.`;
  }
  const span = spokenIntervals(intervals, lang);
  return lang === 'de' ? `${when} haben wir ${span} geöffnet.` : `${when} we are open ${span}.`;
}

/** The week, days with the same hours grouped: "Montag und Dienstag von 8 bis 12 Uhr; …". */
export function weeklySentence(hours: BusinessHours, lang: Lang): string {
  const groups: { days: number[]; span: string }[] = [];
  for (const day of WEEK_ORDER) {
    const intervals = hours.weekly[DAY_KEYS[day]] ?? [];
    if (intervals.length === 0) continue;
    const span = spokenIntervals(intervals, lang);
    const same = groups.find((g) => g.span === span);
    if (same) same.days.push(day);
    else groups.push({ days: [day], span });
  }
  if (groups.length === 0)
    return lang === 'de' ? 'Wir haben keine festen Öffnungszeiten.' : 'We have no regular opening hours.';
  const parts = groups.map(
    (g) =>
      `${joinList(
        g.days.map((d) => weekdayName(d, lang)),
        lang,
      )} ${g.span}`,
  );
  return lang === 'de'
    ? `Unsere Öffnungszeiten: ${parts.join('; ')}.`
    : `Our opening hours: ${parts.join('; ')}.`;
}

function closedSentence(hours: BusinessHours, today: string, lang: Lang): string | undefined {
  const ahead = (hours.closedDates ?? [])
    .filter((d) => d >= today)
    .sort()
    .slice(0, CLOSED_AHEAD);
  if (ahead.length === 0) return undefined;
  const days = joinList(
    ahead.map((d) => spokenDate(d, lang)),
    lang,
  );
  return lang === 'de' ? `Geschlossen haben wir am ${days}.` : `We are closed on ${days}.`;
}

/** Right now: open (until when) or closed (and when it opens next, within a week). */
export function nowSentence(hours: BusinessHours, at: number, lang: Lang): string {
  const t = localTime(at, hours.timeZone);
  const current = intervalsOn(hours, t.date).find(([from, to]) => t.time >= from && t.time < to);
  if (current) {
    const until = spokenTime(current[1]);
    return lang === 'de'
      ? `Wir haben gerade geöffnet, heute bis ${until} Uhr.`
      : `We are open right now, today until ${until}.`;
  }
  for (let i = 0; i < 8; i++) {
    const date = addDaysToDate(t.date, i);
    const next = intervalsOn(hours, date).find(([from]) => i > 0 || from > t.time);
    if (!next) continue;
    const day =
      i === 0
        ? lang === 'de'
          ? 'heute'
          : 'today'
        : i === 1
          ? lang === 'de'
            ? 'morgen'
            : 'tomorrow'
          : lang === 'de'
            ? `am ${spokenDate(date, lang)}`
            : `on ${spokenDate(date, lang)}`;
    return lang === 'de'
      ? `Wir haben gerade geschlossen. Wir öffnen wieder ${day} um ${spokenTime(next[0])} Uhr.`
      : `We are closed right now. We open again ${day} at ${spokenTime(next[0])}.`;
  }
  return lang === 'de' ? 'Wir haben gerade geschlossen.' : 'We are closed right now.';
}

/** Ids of the derived facts; tenant fact ids cannot contain a dot, so they never collide. */
export const HOURS_FACT_IDS = {
  weekly: 'hours.weekly',
  closed: 'hours.closed',
  now: 'hours.now',
  today: 'hours.today',
  tomorrow: 'hours.tomorrow',
} as const;

/** The facts derived from the business hours at the moment `at` (epoch ms). */
export function hoursFacts(hours: BusinessHours, at: number, lang: Lang): KnownFact[] {
  const today = localTime(at, hours.timeZone).date;
  const tomorrow = addDaysToDate(today, 1);
  const de = lang === 'de';
  const facts: KnownFact[] = [
    {
      id: HOURS_FACT_IDS.weekly,
      topic: de ? 'Öffnungszeiten' : 'Opening hours',
      answer: weeklySentence(hours, lang),
    },
    {
      id: HOURS_FACT_IDS.now,
      topic: de ? 'Jetzt geöffnet?' : 'Open right now?',
      answer: nowSentence(hours, at, lang),
    },
    {
      id: HOURS_FACT_IDS.today,
      topic: de ? 'Heute' : 'Today',
      answer: daySentence(
        hours,
        today,
        lang,
        de ? `Heute, ${spokenDate(today, lang)},` : `Today, ${spokenDate(today, lang)},`,
      ),
    },
    {
      id: HOURS_FACT_IDS.tomorrow,
      topic: de ? 'Morgen' : 'Tomorrow',
      answer: daySentence(
        hours,
        tomorrow,
        lang,
        de ? `Morgen, ${spokenDate(tomorrow, lang)},` : `Tomorrow, ${spokenDate(tomorrow, lang)},`,
      ),
    },
  ];
  const closed = closedSentence(hours, today, lang);
  if (closed)
    facts.push({
      id: HOURS_FACT_IDS.closed,
      topic: de ? 'Geschlossene Tage' : 'Closed days',
      answer: closed,
    });
  return facts;
}
