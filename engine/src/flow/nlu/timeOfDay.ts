import type { Lang } from './lang.js';
import { readNumber } from './numberWords.js';

/**
 * Clock times in spoken German and English: "um 10", "vierzehn Uhr dreißig", "halb drei",
 * "viertel vor vier", "zehn nach drei", "2pm", "half past two", "quarter to four", and ranges
 * "zwischen 10 und 12", "von 14 bis 16 Uhr", "between 10 and 12". Works on normalize()d tokens
 * in which "10:30" was already rewritten to the token "t10h30" (see datetimeText.ts).
 */
export interface ClockTime {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
}
export interface TimeMatch {
  start: ClockTime;
  end?: ClockTime;
  from: number;
  to: number;
}

const LEAD: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['um', 'gegen', 'ab', 'circa', 'ca', 'etwa', 'so', 'bis']),
  en: new Set(['at', 'around', 'about', 'by', 'after', 'from', 'till', 'until', 'before']),
};
const RANGE_JOIN: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['bis', 'und']),
  en: new Set(['to', 'till', 'until', 'and']),
};
const RANGE_OPEN: Record<Lang, ReadonlySet<string>> = {
  de: new Set(['zwischen', 'von']),
  en: new Set(['between', 'from']),
};

type Read = { time: ClockTime; used: number } | null;

function num(
  tokens: readonly string[],
  i: number,
  lang: Lang,
  max: number,
): { value: number; used: number } | null {
  const n = readNumber(tokens, i, lang);
  return n && n.value <= max && Number.isInteger(n.value) ? n : null;
}

/** "t10h30" tokens made from written "10:30" / "10.30". */
function written(tokens: readonly string[], i: number): Read {
  const m = /^t(\d{1,2})h(\d{2})$/.exec(tokens[i] ?? '');
  return m && Number(m[1]) < 24 && Number(m[2]) < 60
    ? { time: { hour: Number(m[1]), minute: Number(m[2]) }, used: 1 }
    : null;
}

/** German "halb drei", "viertel nach drei", "dreiviertel vier", "zehn vor halb drei". */
function germanFractions(t: readonly string[], i: number): Read {
  const hourAt = (j: number) => num(t, j, 'de', 24);
  if (t[i] === 'halb') {
    const h = hourAt(i + 1);
    return h ? { time: { hour: h.value - 1, minute: 30 }, used: 1 + h.used } : null;
  }
  if (t[i] === 'dreiviertel') {
    const h = hourAt(i + 1);
    return h ? { time: { hour: h.value - 1, minute: 45 }, used: 1 + h.used } : null;
  }
  if (t[i] === 'viertel') {
    const dir = t[i + 1];
    if (dir === 'nach' || dir === 'vor') {
      const h = hourAt(i + 2);
      if (!h) return null;
      return {
        time: dir === 'nach' ? { hour: h.value, minute: 15 } : { hour: h.value - 1, minute: 45 },
        used: 2 + h.used,
      };
    }
    const h = hourAt(i + 1);
    return h && h.value <= 12 ? { time: { hour: h.value - 1, minute: 15 }, used: 1 + h.used } : null;
  }
  const m = num(t, i, 'de', 29);
  const dir = m ? t[i + m.used] : undefined;
  if (!m || (dir !== 'nach' && dir !== 'vor')) return null;
  const j = i + m.used + 1;
  const half = t[j] === 'halb';
  const h = hourAt(half ? j + 1 : j);
  if (!h) return null;
  const used = m.used + 1 + (half ? 1 : 0) + h.used;
  const base = half ? (h.value - 1) * 60 + 30 : h.value * 60;
  const total = dir === 'nach' ? base + m.value : base - m.value;
  return { time: { hour: Math.floor(total / 60), minute: total % 60 }, used };
}

/** English "half past two", "quarter to four", "ten past three", "twenty to five". */
function englishFractions(t: readonly string[], i: number, inRange: boolean): Read {
  let minutes: number | null = null;
  let used = 0;
  if (t[i] === 'half') {
    minutes = 30;
    used = 1;
  } else if (t[i] === 'quarter') {
    minutes = 15;
    used = 1;
  } else {
    const m = num(t, i, 'en', 29);
    if (m) {
      minutes = m.value;
      used = m.used;
      if (t[i + used] === 'minutes') used++;
    }
  }
  const dir = t[i + used];
  if (minutes === null || (dir !== 'past' && dir !== 'to' && dir !== 'after')) return null;
  // "from 2 to 4" is a range, not 3:58.
  if (inRange && dir === 'to' && t[i] !== 'half' && t[i] !== 'quarter') return null;
  const h = num(t, i + used + 1, 'en', 24);
  if (!h) return null;
  const total = dir === 'to' ? h.value * 60 - minutes : h.value * 60 + minutes;
  return { time: { hour: Math.floor(total / 60), minute: total % 60 }, used: used + 1 + h.used };
}

function meridiem(t: readonly string[], i: number): { m: 'am' | 'pm'; used: number } | null {
  if (t[i] === 'am' || t[i] === 'pm') return { m: t[i] as 'am' | 'pm', used: 1 };
  if ((t[i] === 'a' || t[i] === 'p') && t[i + 1] === 'm') return { m: t[i] === 'a' ? 'am' : 'pm', used: 2 };
  return null;
}

/** "10 Uhr 30", "14 Uhr", "2pm", "ten o clock", and after a lead word "um 14 30", "at ten thirty". */
function hourMinute(t: readonly string[], i: number, lang: Lang, lead: boolean): Read {
  const glued = /^(\d{1,2})(am|pm)$/.exec(t[i] ?? '');
  if (glued)
    return { time: { hour: Number(glued[1]), minute: 0, meridiem: glued[2] as 'am' | 'pm' }, used: 1 };
  const h = num(t, i, lang, 24);
  if (!h) return null;
  let used = h.used;
  let minute = 0;
  let marked = false;
  if (lang === 'de' && t[i + used] === 'uhr') {
    used++;
    marked = true;
  }
  if (lang === 'en' && t[i + used] === 'oclock') {
    used++;
    marked = true;
  }
  if (lang === 'en' && t[i + used] === 'o' && t[i + used + 1] === 'clock') {
    used += 2;
    marked = true;
  }
  // Minutes follow "Uhr" ("zehn Uhr fünf") or, after "um"/"at", a two-digit minute ("um vierzehn dreißig").
  const m = lead || (marked && lang === 'de') ? num(t, i + used, lang, 59) : null;
  if (m && (m.value >= 10 || marked)) {
    minute = m.value;
    used += m.used;
    if (t[i + used] === 'minuten') used++;
  }
  const mer = meridiem(t, i + used);
  if (mer) {
    used += mer.used;
    return { time: { hour: h.value, minute, meridiem: mer.m }, used };
  }
  if (!marked && !lead && lang === 'en') return spokenClock(t, i, h);
  return marked || lead ? { time: { hour: h.value, minute }, used } : null;
}

/** English "ten thirty", "two forty-five": an hour word followed by a minute number of 10–59. */
function spokenClock(t: readonly string[], i: number, h: { value: number; used: number }): Read {
  if (h.used !== 1 || h.value < 1 || h.value > 12 || /^\d+$/.test(t[i])) return null;
  const m = num(t, i + 1, 'en', 59);
  return m && m.value >= 10 ? { time: { hour: h.value, minute: m.value }, used: 1 + m.used } : null;
}

/**
 * A clock time at token i. `lead`: a word before it ("um", "at") or the context says a time
 * follows, so a lone number counts. `inRange`: it opens a range ("von 10 bis 12").
 */
function readTime(
  t: readonly string[],
  i: number,
  lang: Lang,
  { lead, inRange = false }: { lead: boolean; inRange?: boolean },
): Read {
  const w = written(t, i);
  if (w) {
    const mer = lang === 'en' ? meridiem(t, i + 1) : null;
    const uhr = lang === 'de' && t[i + 1] === 'uhr' ? 1 : 0;
    return { time: { ...w.time, meridiem: mer?.m }, used: 1 + (mer?.used ?? 0) + uhr };
  }
  if (lang === 'en' && (t[i] === 'noon' || t[i] === 'midday'))
    return { time: { hour: 12, minute: 0 }, used: 1 };
  if (lang === 'en' && t[i] === 'midnight') return { time: { hour: 0, minute: 0 }, used: 1 };
  const f = lang === 'de' ? germanFractions(t, i) : englishFractions(t, i, inRange);
  return f ?? hourMinute(t, i, lang, lead);
}

/** The first clock time or time range in `tokens`; `bare` also accepts a lone number ("10") as a time. */
export function findTime(t: readonly string[], lang: Lang, bare: boolean): TimeMatch | null {
  for (let i = 0; i < t.length; i++) {
    const opens = RANGE_OPEN[lang].has(t[i]);
    const lead = opens || LEAD[lang].has(t[i]);
    const at = lead ? i + 1 : i;
    // "10 bis 12 Uhr": the first number of a range is a time even without "um"/"Uhr".
    // English "ten to four" is 3:50, so there only digits start a range ("10 to 12").
    const rangeAhead =
      !lead && ['bis', 'to', 'till', 'until'].includes(t[i + 1]) && (lang === 'de' || /^\d+$/.test(t[i]));
    const first = readTime(t, at, lang, {
      lead: lead || rangeAhead || (bare && t.length <= 3),
      inRange: opens || rangeAhead,
    });
    if (!first) continue;
    const to = at + first.used;
    const join = t[to];
    if (
      join !== undefined &&
      RANGE_JOIN[lang].has(join) &&
      (opens || join !== 'und') &&
      (opens || join !== 'and')
    ) {
      const second = readTime(t, to + 1, lang, { lead: true });
      if (second) return { start: first.time, end: second.time, from: i, to: to + 1 + second.used };
    }
    return { start: first.time, from: i, to };
  }
  return null;
}
