import type { Lang } from './lang.js';
import { wordTable } from './normalize.js';

/** Words for days, months and parts of the day, in normalize()d form. */

export const WEEKDAYS: Record<Lang, Record<string, number>> = {
  de: wordTable({
    sonntag: 0,
    montag: 1,
    dienstag: 2,
    mittwoch: 3,
    donnerstag: 4,
    freitag: 5,
    samstag: 6,
    sonnabend: 6,
    sonntags: 0,
    montags: 1,
    dienstags: 2,
    mittwochs: 3,
    donnerstags: 4,
    freitags: 5,
    samstags: 6,
  }),
  en: wordTable({
    sunday: 0,
    monday: 1,
    tuesday: 2,
    wednesday: 3,
    thursday: 4,
    friday: 5,
    saturday: 6,
    sundays: 0,
    mondays: 1,
    tuesdays: 2,
    wednesdays: 3,
    thursdays: 4,
    fridays: 5,
    saturdays: 6,
  }),
};

export const MONTHS: Record<Lang, Record<string, number>> = {
  de: wordTable({
    januar: 1,
    jaenner: 1,
    jan: 1,
    februar: 2,
    feb: 2,
    maerz: 3,
    april: 4,
    apr: 4,
    mai: 5,
    juni: 6,
    juli: 7,
    august: 8,
    aug: 8,
    september: 9,
    sept: 9,
    sep: 9,
    oktober: 10,
    okt: 10,
    november: 11,
    nov: 11,
    dezember: 12,
    dez: 12,
  }),
  en: wordTable({
    january: 1,
    jan: 1,
    february: 2,
    feb: 2,
    march: 3,
    mar: 3,
    april: 4,
    apr: 4,
    may: 5,
    june: 6,
    jun: 6,
    july: 7,
    jul: 7,
    august: 8,
    aug: 8,
    september: 9,
    sept: 9,
    sep: 9,
    october: 10,
    oct: 10,
    november: 11,
    nov: 11,
    december: 12,
    dec: 12,
  }),
};

/** A part of the day as a range of business hours. "Vormittag" is 09:00–12:00 as agreed with product. */
export interface DayPart {
  from: number;
  to: number;
  /** hours 1–11 said with this part mean afternoon/evening */ pm: boolean;
}

const MORNING: DayPart = { from: 8, to: 12, pm: false };
const FORENOON: DayPart = { from: 9, to: 12, pm: false };
const NOON: DayPart = { from: 12, to: 14, pm: true };
const AFTERNOON: DayPart = { from: 14, to: 17, pm: true };
const EVENING: DayPart = { from: 17, to: 20, pm: true };

export const DAY_PARTS: Record<Lang, Record<string, DayPart>> = {
  de: wordTable({
    frueh: { from: 8, to: 10, pm: false },
    morgens: MORNING,
    vormittag: FORENOON,
    vormittags: FORENOON,
    mittag: NOON,
    mittags: NOON,
    mittagszeit: NOON,
    mittagspause: NOON,
    nachmittag: AFTERNOON,
    nachmittags: AFTERNOON,
    abend: EVENING,
    abends: EVENING,
    feierabend: EVENING,
  }),
  en: wordTable({
    morning: FORENOON,
    mornings: FORENOON,
    lunchtime: NOON,
    lunch: NOON,
    afternoon: AFTERNOON,
    afternoons: AFTERNOON,
    evening: EVENING,
    evenings: EVENING,
    tonight: EVENING,
  }),
};

/** German ordinals as said in dates: "am dritten", "der zwölfte". Stems map to their cardinal word. */
const DE_ORDINAL_STEMS: Record<string, number> = wordTable({
  erst: 1,
  zweit: 2,
  dritt: 3,
  viert: 4,
  fuenft: 5,
  sechst: 6,
  siebt: 7,
  siebent: 7,
  acht: 8,
  neunt: 9,
  zehnt: 10,
  elft: 11,
  zwoelft: 12,
  dreizehnt: 13,
  vierzehnt: 14,
  fuenfzehnt: 15,
  sechzehnt: 16,
  siebzehnt: 17,
  achtzehnt: 18,
  neunzehnt: 19,
  zwanzigst: 20,
  einundzwanzigst: 21,
  zweiundzwanzigst: 22,
  dreiundzwanzigst: 23,
  vierundzwanzigst: 24,
  fuenfundzwanzigst: 25,
  sechsundzwanzigst: 26,
  siebenundzwanzigst: 27,
  achtundzwanzigst: 28,
  neunundzwanzigst: 29,
  dreissigst: 30,
  einunddreissigst: 31,
});
const EN_ORDINALS: Record<string, number> = wordTable({
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
});

/** Day of month from an ordinal word or "3rd"/"21st"; null if the word is none. */
export function ordinalValue(word: string, lang: Lang): number | null {
  const digits = /^(\d{1,2})(st|nd|rd|th|ten|te|ter)?$/.exec(word);
  if (digits) return Number(digits[1]);
  if (lang === 'en') {
    if (word in EN_ORDINALS) return EN_ORDINALS[word];
    const m = /^(twenty|thirty)(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)$/.exec(word);
    return m ? (m[1] === 'twenty' ? 20 : 30) + EN_ORDINALS[m[2]] : null;
  }
  const stem = word.replace(/(en|er|em|es|e)$/, '');
  return DE_ORDINAL_STEMS[stem] ?? null;
}
