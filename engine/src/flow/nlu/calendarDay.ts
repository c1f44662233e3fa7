import type { Lang } from './lang.js';
import { MONTHS, WEEKDAYS, ordinalValue } from './datetimeLexicon.js';
import { wordTable } from './normalize.js';
import { readNumber } from './numberWords.js';
import { addDays, weekdayOf, type WallClock } from './zonedTime.js';

/**
 * Which day the caller means: "heute", "morgen", "übermorgen", "(nächsten) Dienstag",
 * "nächste Woche (Mittwoch)", "am dritten April", "14.04.", "am fünfzehnten", "Ende April",
 * "in drei Tagen", and English
 * equivalents. Works on normalize()d tokens; written dates arrive as tokens "d14m4y2026".
 * Days are calendar dates in the flow's zone (hour and minute are ignored).
 */
export interface DayMatch {
  date: WallClock;
  /** last day of a vague range ("nächste Woche") */ until?: WallClock;
  from: number;
  to: number;
}

const NEXT: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['naechsten', 'naechste', 'naechster', 'kommenden', 'kommende', 'kommender']),
  en: new Set(['next', 'coming']),
};
const THIS: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['diesen', 'dieser', 'diese']),
  en: new Set(['this']),
};
const WEEK: Record<Lang, string> = { de: 'woche', en: 'week' };
/** "morgen" after these words is the morning, not tomorrow ("heute Morgen", "am Morgen"). */
const MORGEN_AS_PART = new Set(['heute', 'gestern', 'am', 'jeden', 'den', 'diesen', 'morgen']);

/** Next occurrence of `weekday`, strictly after today (on Tuesday "Dienstag" means next week's). */
function nextWeekday(today: WallClock, weekday: number, allowToday: boolean): WallClock {
  let delta = (weekday - weekdayOf(today) + 7) % 7;
  if (delta === 0 && !allowToday) delta = 7;
  return addDays(today, delta);
}

function mondayOfNextWeek(today: WallClock): WallClock {
  const wd = weekdayOf(today);
  return addDays(today, (8 - wd) % 7 || 7);
}

/** A calendar date that may lack a year: the next such date from today on. */
function upcoming(today: WallClock, month: number, day: number, year?: number): WallClock | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  let y = year ?? today.year;
  // Two-digit years: "3.3.80" is a birth date in 1980, "1.4.27" next year's appointment.
  if (y < 100) y += y <= (today.year % 100) + 10 ? 2000 : 1900;
  const d = new Date(Date.UTC(y, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null; // 31 April
  const date: WallClock = { ...today, year: y, month, day };
  if (year === undefined && (month < today.month || (month === today.month && day < today.day)))
    return { ...date, year: y + 1 };
  return date;
}

function relativeDay(t: readonly string[], i: number, lang: Lang, today: WallClock): DayMatch | null {
  const w = t[i];
  const at = (days: number, used: number): DayMatch => ({
    date: addDays(today, days),
    from: i,
    to: i + used,
  });
  if (lang === 'de') {
    if (w === 'heute') return at(0, 1);
    if (w === 'uebermorgen') return at(2, 1);
    // Said of a callback time they are a mistake the caller must hear about, not "today".
    if (w === 'gestern') return at(-1, 1);
    if (w === 'vorgestern') return at(-2, 1);
    if (w === 'morgen' && !MORGEN_AS_PART.has(t[i - 1])) return at(1, 1);
    return null;
  }
  if (w === 'today' || w === 'tonight') return at(0, 1);
  if (w === 'day' && t[i + 1] === 'after' && t[i + 2] === 'tomorrow') return at(2, 3);
  if (w === 'tomorrow') return at(1, 1);
  if (w === 'yesterday') return at(-1, 1);
  if (w === 'day' && t[i + 1] === 'before' && t[i + 2] === 'yesterday') return at(-2, 3);
  return null;
}

/** "in drei Tagen", "in einer Woche", "in two days". */
function inDays(t: readonly string[], i: number, lang: Lang, today: WallClock): DayMatch | null {
  if (t[i] !== 'in') return null;
  const n = t[i + 1] === 'a' || t[i + 1] === 'an' ? { value: 1, used: 1 } : readNumber(t, i + 1, lang);
  if (!n) return null;
  const unit = t[i + 1 + n.used];
  const days = /^(tag|tage|tagen|day|days)$/.test(unit)
    ? 1
    : /^(woche|wochen|week|weeks)$/.test(unit)
      ? 7
      : 0;
  return days ? { date: addDays(today, n.value * days), from: i, to: i + 2 + n.used } : null;
}

/** Weekday, with "nächsten"/"diesen" before it and "nächste Woche" before or after it. */
function weekday(t: readonly string[], i: number, lang: Lang, today: WallClock): DayMatch | null {
  const wd = WEEKDAYS[lang][t[i]];
  if (wd === undefined) return null;
  const prev = t[i - 1];
  const from =
    prev !== undefined && (NEXT[lang].has(prev) || THIS[lang].has(prev) || prev === 'uebernaechsten')
      ? i - 1
      : i;
  const weekAfter = NEXT[lang].has(t[i + 1]) && t[i + 2] === WEEK[lang];
  const weekBefore =
    t.slice(Math.max(0, i - 4), i).includes(WEEK[lang]) &&
    t.slice(Math.max(0, i - 4), i).some((x) => NEXT[lang].has(x));
  if (weekAfter || weekBefore) {
    const monday = mondayOfNextWeek(today);
    return { date: addDays(monday, (wd + 6) % 7), from, to: weekAfter ? i + 3 : i + 1 };
  }
  let date = nextWeekday(today, wd, THIS[lang].has(prev));
  if (prev === 'uebernaechsten') date = addDays(date, 7);
  return { date, from, to: i + 1 };
}

function year(t: readonly string[], i: number, lang: Lang): { value: number; used: number } | null {
  const n = readNumber(t, i, lang);
  return n && n.value >= 1900 && n.value < 2200 ? n : null;
}

/** "am dritten April", "3 april", "April 3rd", "the third of April", written "d14m4y2026". */
function calendarDate(t: readonly string[], i: number, lang: Lang, today: WallClock): DayMatch | null {
  const written = /^d(\d{1,2})m(\d{1,2})y(\d{0,4})$/.exec(t[i]);
  if (written) {
    const date = upcoming(
      today,
      Number(written[2]),
      Number(written[1]),
      written[3] ? Number(written[3]) : undefined,
    );
    return date ? { date, from: i, to: i + 1 } : null;
  }
  const month = MONTHS[lang][t[i]];
  if (month === undefined) return null;
  // Day before the month ("3 april", "dritten april", "third of april") or after it ("april 3rd").
  let day: number | null = null;
  let from = i;
  let to = i + 1;
  const ofShift = lang === 'en' && t[i - 1] === 'of' ? 1 : 0;
  const before = t[i - 1 - ofShift] === undefined ? null : ordinalValue(t[i - 1 - ofShift], lang);
  if (before !== null) {
    day = before;
    from = i - 1 - ofShift;
  } else if (t[i + 1] !== undefined) {
    const after = ordinalValue(t[i + 1], lang);
    if (after !== null) {
      day = after;
      to = i + 2;
    }
  }
  if (day === null) return null;
  const y = year(t, to, lang);
  if (y) to += y.used;
  const date = upcoming(today, month, day, y?.value);
  return date ? { date, from, to } : null;
}

const PERIOD: Record<Lang, Record<string, 0 | 1 | 2>> = {
  de: wordTable({ anfang: 0, mitte: 1, ende: 2 }),
  en: wordTable({ early: 0, beginning: 0, start: 0, mid: 1, middle: 1, late: 2, end: 2 }),
};

/** "Anfang/Mitte/Ende April", "early/mid/late April", "the end of April": days 1–10, 11–20, 21–last. */
function periodOfMonth(t: readonly string[], i: number, lang: Lang, today: WallClock): DayMatch | null {
  const third = PERIOD[lang][t[i]];
  if (third === undefined) return null;
  let j = i + 1;
  while (['of', 'the', 'des', 'vom', 'im'].includes(t[j])) j++;
  const month = MONTHS[lang][t[j]];
  if (month === undefined) return null;
  const first = upcoming(today, month, [1, 11, 21][third]);
  if (!first) return null;
  const lastOfMonth = new Date(Date.UTC(first.year, month, 0)).getUTCDate();
  const last = { ...first, day: [10, 20, lastOfMonth][third] };
  // "Ende März" said on 27 March starts today, not in March of next year.
  const start = third === 2 && first.year > today.year && month === today.month ? { ...today } : first;
  return { date: start, until: start === first ? last : { ...today, day: lastOfMonth }, from: i, to: j + 1 };
}

/** "am fünfzehnten", "the 15th", "am 15.": a day of this month, or of next month if it has passed. */
function dayOfMonth(t: readonly string[], i: number, lang: Lang, today: WallClock): DayMatch | null {
  const prev = t[i - 1];
  if (!['am', 'den', 'the', 'on', 'zum'].includes(prev ?? '')) return null;
  const digitsOnly = /^\d+$/.test(t[i]);
  if (digitsOnly && (lang === 'en' || t[i + 1] === 'uhr' || /^\d/.test(t[i + 1] ?? ''))) return null;
  if (MONTHS[lang][t[i + 1]] !== undefined || (lang === 'en' && t[i + 1] === 'of')) return null;
  const day = ordinalValue(t[i], lang);
  if (day === null || day < 1 || day > 31) return null;
  const thisMonth = day >= today.day ? upcoming({ ...today, day: 1 }, today.month, day, today.year) : null;
  const next = addDays({ ...today, day: 1 }, 32);
  const date = thisMonth ?? upcoming({ ...next, day: 1 }, next.month, day, next.year);
  return date ? { date, from: i - 1, to: i + 1 } : null;
}

function nextWeek(t: readonly string[], i: number, lang: Lang, today: WallClock): DayMatch | null {
  if (!NEXT[lang].has(t[i]) || t[i + 1] !== WEEK[lang]) return null;
  const monday = mondayOfNextWeek(today);
  return { date: monday, until: addDays(monday, 4), from: i, to: i + 2 };
}

/** The first day expression in `tokens`. Specific forms are tried before vague ones at each position. */
export function findDay(t: readonly string[], lang: Lang, today: WallClock): DayMatch | null {
  const finders = [calendarDate, periodOfMonth, weekday, relativeDay, dayOfMonth, inDays];
  for (const find of finders) {
    for (let i = 0; i < t.length; i++) {
      const hit = find(t, i, lang, today);
      if (hit) return hit;
    }
  }
  for (let i = 0; i < t.length; i++) {
    const hit = nextWeek(t, i, lang, today);
    if (hit) return hit;
  }
  return null;
}
