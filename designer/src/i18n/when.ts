// Dates and times as the inbox, the note and the receipts show them, in the UI's language:
// German „Di., 8. Dez. 2026, 9:00 Uhr“ and „12.05.1980“, English (en-US) "Tue, Dec 8, 2026,
// 9:00 AM" and "05/12/1980" — never ISO strings. Pure (Intl only), so it is unit-tested.

const locale = (lang: string) => (lang.startsWith('en') ? 'en-US' : 'de-DE');
const uhr = (lang: string, text: string) => (lang.startsWith('en') ? text : `${text} Uhr`);

const MOMENT: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

/** A moment on the viewer's clock (when a note came in, when it will be deleted). */
export const when = (ms: number | string, lang: string) =>
  uhr(lang, new Date(ms).toLocaleString(locale(lang), MOMENT));

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A time the caller named, as they named it: ISO 8601 with the flow's offset
 * („2026-12-08T09:00:00+01:00“) shown at its own wall-clock time, whatever the viewer's zone.
 */
export function namedMoment(iso: string, lang: string): string {
  const m = WALL_CLOCK.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi] = m.map(Number);
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return uhr(lang, wall.toLocaleString(locale(lang), { ...MOMENT, timeZone: 'UTC' }));
}

/** A calendar date („1980-05-12“ → „12.05.1980“ / "05/12/1980"). */
export function calendarDate(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toLocaleDateString(locale(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A time of day („14:00“ → „14:00 Uhr“ / "2:00 PM"). */
export function clockTime(hhmm: string, lang: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  const t = new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2])));
  return uhr(
    lang,
    t.toLocaleTimeString(locale(lang), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }),
  );
}

/** Any detail value of a call note in words: dates, times and moments localised, yes/no. */
export function detailText(value: string | number | boolean, lang: string, yesNo: [string, string]): string {
  if (typeof value === 'boolean') return value ? yesNo[0] : yesNo[1];
  if (typeof value === 'number') return value.toLocaleString(locale(lang));
  if (WALL_CLOCK.test(value)) return namedMoment(value, lang);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return calendarDate(value, lang);
  if (/^\d{2}:\d{2}$/.test(value)) return clockTime(value, lang);
  return value;
}
