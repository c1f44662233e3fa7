import type { Lang } from './lang.js';
import { normalize } from './normalize.js';
import { DAY_PARTS, type DayPart } from './datetimeLexicon.js';
import { readNumber } from './numberWords.js';

/**
 * Written dates and times carry their meaning in punctuation that normalize() removes, so they
 * are first rewritten into single tokens: "14.04.2026" → "d14m4y2026", "10:30" → "t10h30",
 * "10-12" → "10 bis 12". The rest of the date/time grammar then only sees words.
 */
export function dateTokens(text: string, lang: Lang): string[] {
  const rangeWord = lang === 'de' ? 'bis' : 'to';
  const prepared = text
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y, m, d) => ` d${Number(d)}m${Number(m)}y${y} `)
    .replace(/\b(\d{1,2}(?:[:.]\d{2})?)\s*[-–]\s*(\d{1,2}(?:[:.]\d{2})?)\b/g, ` $1 ${rangeWord} $2 `)
    .replace(/\b(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{4}|\d{2})\b)?/g, (all, d, m, y) =>
      lang === 'de' && Number(m) <= 12 ? ` d${Number(d)}m${Number(m)}y${y ?? ''} ` : all,
    )
    .replace(/\b(\d{1,2})[:.](\d{2})\b/g, (_, h, m) => ` t${Number(h)}h${m} `);
  return normalize(prepared).split(' ').filter(Boolean);
}

/** Parts of the day said as words; German "Morgen" after "heute"/"am" is the morning. */
export function findDayPart(t: readonly string[], lang: Lang): { part: DayPart; at: number } | null {
  for (let i = 0; i < t.length; i++) {
    const part = DAY_PARTS[lang][t[i]];
    if (part) return { part, at: i };
    if (
      lang === 'de' &&
      t[i] === 'morgen' &&
      ['heute', 'am', 'morgen', 'jeden', 'diesen'].includes(t[i - 1])
    ) {
      return { part: DAY_PARTS.de.morgens, at: i };
    }
  }
  return null;
}

const IMMEDIATE: Record<Lang, readonly string[]> = {
  de: [
    'jetzt',
    'sofort',
    'gleich',
    'so schnell wie moeglich',
    'so bald wie moeglich',
    'schnellstmoeglich',
    'umgehend',
    'asap',
  ],
  en: ['now', 'right away', 'asap', 'as soon as possible', 'immediately', 'straight away'],
};

/** "jetzt", "so schnell wie möglich", "as soon as possible": the caller means now. */
export function saysNow(t: readonly string[], lang: Lang): boolean {
  const s = ` ${t.join(' ')} `;
  return IMMEDIATE[lang].some((p) => s.includes(` ${p} `));
}

const HALF: Record<Lang, RegExp> = { de: /^(halben|halbe)$/, en: /^half$/ };

/** "in einer Stunde", "in einer halben Stunde", "in 20 Minuten", "in anderthalb Stunden", "in half an hour". Minutes, or null. */
export function findDuration(t: readonly string[], lang: Lang): number | null {
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 'in') continue;
    let j = i + 1;
    let amount: number | null = null;
    if (lang === 'en' && t[j] === 'half' && (t[j + 1] === 'an' || t[j + 1] === 'a')) {
      amount = 0.5;
      j += 2;
    } else if (t[j] === 'anderthalb' || t[j] === 'eineinhalb') {
      amount = 1.5;
      j += 1;
    } else if (lang === 'de' && t[j] === 'einer' && t[j + 1] === 'viertelstunde') return 15;
    else if (lang === 'de' && t[j] === 'einer' && HALF.de.test(t[j + 1] ?? '')) {
      amount = 0.5;
      j += 2;
    } else if (lang === 'en' && (t[j] === 'an' || t[j] === 'a')) {
      amount = 1;
      j += 1;
    } else {
      const n = readNumber(t, j, lang);
      if (n) {
        amount = n.value;
        j += n.used;
      }
    }
    if (amount === null) continue;
    const unit = t[j] ?? '';
    if (/^(stunde|stunden|hour|hours)$/.test(unit)) return Math.round(amount * 60);
    if (/^(minute|minuten|minutes|mins|min)$/.test(unit)) return Math.round(amount);
  }
  return null;
}
