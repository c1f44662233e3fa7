// Questions about opening hours, answered from `settings.businessHours` and the call's clock:
// „Wann haben Sie am Mittwoch geöffnet?", „Haben Sie morgen Nachmittag auf?", „Bis wann sind Sie
// heute da?", "Are you open now?". The day and the part of the day come from the same date
// grammar that reads callback times (nlu/datetime), in the flow's time zone.
import type { BusinessHours } from '../format/schema';
import { localTime } from '../call/hours';
import { normalize, parseDateTime, type Lang, type ParsedDateTime } from '../nlu';
import {
  addDaysToDate,
  daySentence,
  HOURS_FACT_IDS,
  intervalsOn,
  nowSentence,
  spokenDate,
  weeklySentence,
} from './hours-facts';

/** Word starts that make a question one about opening hours. */
const HOURS_WORDS: Record<Lang, readonly string[]> = {
  de: ['geoeffnet', 'offen', 'oeffn', 'sprechzeit', 'sprechstunde', 'geschlossen', 'schliess', 'erreichbar'],
  en: ['open', 'hours', 'close', 'available'],
};
/** Words that mean open/closed only at the end of the question: „Haben Sie morgen auf?", „… da?". */
const HOURS_LAST_WORDS: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['auf', 'zu', 'da']),
  en: new Set([]),
};

export function isHoursQuestion(text: string, lang: Lang): boolean {
  const ws = normalize(text).split(' ');
  if (HOURS_LAST_WORDS[lang].has(ws[ws.length - 1])) return true;
  return ws.some((w) => HOURS_WORDS[lang].some((start) => w.startsWith(start)));
}

export interface HoursAnswer {
  factIds: string[];
  text: string;
}

function dayLabel(date: string, today: string, lang: Lang): { label: string; factId: string } {
  const de = lang === 'de';
  if (date === today)
    return {
      label: de ? `Heute, ${spokenDate(date, lang)},` : `Today, ${spokenDate(date, lang)},`,
      factId: HOURS_FACT_IDS.today,
    };
  if (date === addDaysToDate(today, 1))
    return {
      label: de ? `Morgen, ${spokenDate(date, lang)},` : `Tomorrow, ${spokenDate(date, lang)},`,
      factId: HOURS_FACT_IDS.tomorrow,
    };
  return {
    label: de ? `Am ${spokenDate(date, lang)},` : `On ${spokenDate(date, lang)},`,
    factId: HOURS_FACT_IDS.weekly,
  };
}

/** Open for any part of [from, to) on `date`? */
function openDuring(hours: BusinessHours, date: string, from: string, to: string): boolean {
  return intervalsOn(hours, date).some(([a, b]) => a < to && from < b);
}

function aboutDay(hours: BusinessHours, when: ParsedDateTime, at: number, lang: Lang): HoursAnswer {
  const today = localTime(at, hours.timeZone).date;
  const date = when.start.slice(0, 10);
  const { label, factId } = dayLabel(date, today, lang);
  const factIds = hours.closedDates?.includes(date) ? [factId, HOURS_FACT_IDS.closed] : [factId];
  const sentence = daySentence(hours, date, lang, label);
  if (when.precision === 'day') return { factIds, text: sentence };
  // A part of the day or a time: say whether, then the day's hours.
  const from = when.start.slice(11, 16);
  const to = when.end ? when.end.slice(11, 16) : from;
  const open = when.end ? openDuring(hours, date, from, to) : openDuring(hours, date, from, `${from}:01`);
  const yes = lang === 'de' ? (open ? 'Ja.' : 'Nein.') : open ? 'Yes.' : 'No.';
  return { factIds, text: `${yes} ${sentence}` };
}

/** The answer to an hours question, or null when the question is not about opening hours. */
export function answerHoursQuestion(
  hours: BusinessHours,
  text: string,
  at: number,
  lang: Lang,
): HoursAnswer | null {
  if (!isHoursQuestion(text, lang)) return null;
  const when = parseDateTime(text, lang, { now: new Date(at).toISOString(), timeZone: hours.timeZone });
  if (!when) return { factIds: [HOURS_FACT_IDS.weekly], text: weeklySentence(hours, lang) };
  const multiDay =
    when.precision === 'day' &&
    when.end !== undefined &&
    addDaysToDate(when.start.slice(0, 10), 1) < when.end.slice(0, 10);
  if (multiDay) return { factIds: [HOURS_FACT_IDS.weekly], text: weeklySentence(hours, lang) };
  // "jetzt", "gerade", "now": within a minute of the call's clock.
  if (when.precision === 'minute' && Math.abs(Date.parse(when.start) - at) < 60_000)
    return { factIds: [HOURS_FACT_IDS.now], text: nowSentence(hours, at, lang) };
  return aboutDay(hours, when, at, lang);
}
