import type { Case, Table } from './cases.js';
import { parseDateTime, type DateTimeExpectation, type ParsedDateTime } from './datetime.js';

/**
 * Reference: Friday 27 March 2026, 16:00 in Berlin (CET, +01:00). Europe switches to summer time
 * on Sunday 29 March, so "übermorgen" and everything after is +02:00: these rows prove the
 * offset is computed per instant, not copied from "now".
 */
export const NOW = '2026-03-27T15:00:00Z';
export const ZONE = 'Europe/Berlin';

export interface DateTimeCase extends Case<ParsedDateTime | null> {
  expect?: DateTimeExpectation;
  timeZone?: string;
}

const min = (start: string, end?: string): ParsedDateTime => ({ start, end, precision: 'minute' });
const part = (start: string, end: string): ParsedDateTime => ({ start, end, precision: 'part-of-day' });
const day = (start: string, end?: string): ParsedDateTime => ({ start, end, precision: 'day' });

const de = (text: string, want: ParsedDateTime | null, extra: Partial<DateTimeCase> = {}): DateTimeCase => ({
  lang: 'de',
  text,
  want,
  ...extra,
});
const en = (text: string, want: ParsedDateTime | null, extra: Partial<DateTimeCase> = {}): DateTimeCase => ({
  lang: 'en',
  text,
  want,
  ...extra,
});

export const DATETIME_CASES: readonly DateTimeCase[] = [
  de('morgen Vormittag', part('2026-03-28T09:00:00+01:00', '2026-03-28T12:00:00+01:00')),
  de('morgen um 10', min('2026-03-28T10:00:00+01:00')),
  de('nächsten Dienstag um 10', min('2026-03-31T10:00:00+02:00')),
  de('übermorgen früh', part('2026-03-29T08:00:00+02:00', '2026-03-29T10:00:00+02:00')),
  de('in einer Stunde', min('2026-03-27T17:00:00+01:00')),
  de('gegen halb drei', min('2026-03-28T14:30:00+01:00')),
  de('heute Abend', part('2026-03-27T17:00:00+01:00', '2026-03-27T20:00:00+01:00')),
  de('nachmittags', part('2026-03-27T14:00:00+01:00', '2026-03-27T17:00:00+01:00')),
  de('am 3. April um 14 Uhr', min('2026-04-03T14:00:00+02:00')),
  de('Montag', day('2026-03-30T00:00:00+02:00')),
  de('um 10:30', min('2026-03-28T10:30:00+01:00')),
  de('morgen zwischen 10 und 12', min('2026-03-28T10:00:00+01:00', '2026-03-28T12:00:00+01:00')),
  de('am zwölften April', day('2026-04-12T00:00:00+02:00')),
  de('Freitag früh', part('2026-04-03T08:00:00+02:00', '2026-04-03T10:00:00+02:00')),
  de('nächste Woche Mittwoch', day('2026-04-01T00:00:00+02:00')),
  de('am 14.04.', day('2026-04-14T00:00:00+02:00')),
  de('um viertel nach drei', min('2026-03-28T15:15:00+01:00')),
  de('um zehn Uhr', min('2026-03-28T10:00:00+01:00')),
  de('Äh, also morgen so gegen zehn', min('2026-03-28T10:00:00+01:00')),
  de('Rufen Sie mich bitte übermorgen um 9 Uhr an', min('2026-03-29T09:00:00+02:00')),
  de('nächste Woche', day('2026-03-30T00:00:00+02:00', '2026-04-04T00:00:00+02:00')),
  de('in drei Tagen', day('2026-03-30T00:00:00+02:00')),
  de('vierzehn Uhr dreißig', min('2026-03-28T14:30:00+01:00')),
  de('morgen Nachmittag', part('2026-03-28T14:00:00+01:00', '2026-03-28T17:00:00+01:00')),
  de('heute Morgen', part('2026-03-27T08:00:00+01:00', '2026-03-27T12:00:00+01:00')),
  de('am Montag zwischen 8 und 9', min('2026-03-30T08:00:00+02:00', '2026-03-30T09:00:00+02:00')),
  de('Dienstag Vormittag', part('2026-03-31T09:00:00+02:00', '2026-03-31T12:00:00+02:00')),
  de('jetzt gleich', min('2026-03-27T16:00:00+01:00')),
  de('so schnell wie möglich', min('2026-03-27T16:00:00+01:00')),
  de('in einer halben Stunde', min('2026-03-27T16:30:00+01:00')),
  de('von 14 bis 16 Uhr', min('2026-03-28T14:00:00+01:00', '2026-03-28T16:00:00+01:00')),
  de('10-12 Uhr morgen', min('2026-03-28T10:00:00+01:00', '2026-03-28T12:00:00+01:00')),
  de('am 1.4. um 9', min('2026-04-01T09:00:00+02:00')),
  de('weiß ich nicht', null),
  de('egal', null),
  de('um 17 Uhr', min('2026-03-27T17:00:00+01:00')),
  de('abends um sieben', min('2026-03-27T19:00:00+01:00')),
  de('zehn vor halb drei', min('2026-03-28T14:20:00+01:00')),
  de('dreiviertel vier', min('2026-03-28T15:45:00+01:00')),
  de('Mittwoch um 8', min('2026-04-01T08:00:00+02:00')),
  de('übernächsten Montag', day('2026-04-06T00:00:00+02:00')),
  de('kommenden Donnerstag', day('2026-04-02T00:00:00+02:00')),
  de('am 31.03.2026', day('2026-03-31T00:00:00+02:00')),
  de('um 12 Uhr mittags', min('2026-03-28T12:00:00+01:00')),
  de('halb neun', min('2026-03-28T08:30:00+01:00')),
  de('10', min('2026-03-28T10:00:00+01:00'), { expect: 'time' }),
  de('morgen um 10', day('2026-03-28T00:00:00+01:00'), { expect: 'date' }),
  de('morgen', null, { expect: 'time' }),
  de('am 2. Januar', day('2027-01-02T00:00:00+01:00')),
  de('am dritten März neunzehnhundertachtzig', day('1980-03-03T00:00:00+01:00'), { expect: 'date' }),
  de('Ich bin am 12.05.1985 geboren', day('1985-05-12T00:00:00+02:00'), { expect: 'date' }),
  de('3.3.80', day('1980-03-03T00:00:00+01:00'), { expect: 'date' }),
  de('halb elf', min('2026-03-28T10:30:00+01:00'), { expect: 'time' }),
  de('Ähm, nächste Woche Dienstag, so gegen halb elf', min('2026-03-31T10:30:00+02:00')),
  de('am besten morgen früh', part('2026-03-28T08:00:00+01:00', '2026-03-28T10:00:00+01:00')),
  de('Donnerstag nach 14 Uhr', min('2026-04-02T14:00:00+02:00')),
  de('morgen um eins', min('2026-03-28T13:00:00+01:00')),
  de('Montag oder Dienstag', day('2026-03-30T00:00:00+02:00')),
  de(
    'Rufen Sie mich am besten morgen zwischen zehn und zwölf zurück',
    min('2026-03-28T10:00:00+01:00', '2026-03-28T12:00:00+01:00'),
  ),
  de('nächsten Montag früh um 8', min('2026-03-30T08:00:00+02:00')),
  de('heute Nachmittag um 3', min('2026-03-27T15:00:00+01:00')),
  de('übermorgen zwischen 9 und 11', min('2026-03-29T09:00:00+02:00', '2026-03-29T11:00:00+02:00')),
  de('lieber nachmittags', part('2026-03-27T14:00:00+01:00', '2026-03-27T17:00:00+01:00')),
  de('Ende April', day('2026-04-21T00:00:00+02:00', '2026-05-01T00:00:00+02:00')),
  de('Anfang Mai', day('2026-05-01T00:00:00+02:00', '2026-05-11T00:00:00+02:00')),
  de('Ende März', day('2026-03-27T00:00:00+01:00', '2026-04-01T00:00:00+02:00')),
  de('am fünfzehnten', day('2026-04-15T00:00:00+02:00')),
  de('am 30. um 10 Uhr', min('2026-03-30T10:00:00+02:00')),
  de('am 15 Uhr', min('2026-03-28T15:00:00+01:00')), // ASR slip for "um 15 Uhr": a time, not the 15th
  en('tomorrow morning', part('2026-03-28T09:00:00+01:00', '2026-03-28T12:00:00+01:00')),
  en('next Tuesday at 10', min('2026-03-31T10:00:00+02:00')),
  en('in an hour', min('2026-03-27T17:00:00+01:00')),
  en('this evening', part('2026-03-27T17:00:00+01:00', '2026-03-27T20:00:00+01:00')),
  en('on April 3rd at 2pm', min('2026-04-03T14:00:00+02:00')),
  en('Monday afternoon', part('2026-03-30T14:00:00+02:00', '2026-03-30T17:00:00+02:00')),
  en('at half past two', min('2026-03-28T14:30:00+01:00')),
  en('between 10 and 12 tomorrow', min('2026-03-28T10:00:00+01:00', '2026-03-28T12:00:00+01:00')),
  en('at ten', min('2026-03-28T10:00:00+01:00')),
  en('tonight', part('2026-03-27T17:00:00+01:00', '2026-03-27T20:00:00+01:00')),
  en('the day after tomorrow at 9am', min('2026-03-29T09:00:00+02:00')),
  en('Sunday at 2:30 am', min('2026-03-29T03:30:00+02:00')),
  en('ten to four', min('2026-03-28T15:50:00+01:00')),
  en('10 to 12 tomorrow', min('2026-03-28T10:00:00+01:00', '2026-03-28T12:00:00+01:00')),
  en('quarter to four', min('2026-03-28T15:45:00+01:00')),
  en('in 20 minutes', min('2026-03-27T16:20:00+01:00')),
  en('next week', day('2026-03-30T00:00:00+02:00', '2026-04-04T00:00:00+02:00')),
  en('at 5 pm', min('2026-03-27T17:00:00+01:00')),
  en('the 3rd of April', day('2026-04-03T00:00:00+02:00')),
  en('April 14', day('2026-04-14T00:00:00+02:00')),
  en('Wednesday around noon', min('2026-04-01T12:00:00+02:00')),
  en('as soon as possible', min('2026-03-27T16:00:00+01:00')),
  en("I don't know", null),
  en('um, maybe Thursday at 3', min('2026-04-02T15:00:00+02:00')),
  en('in half an hour', min('2026-03-27T16:30:00+01:00')),
  en('from 2 to 4 pm', min('2026-03-28T14:00:00+01:00', '2026-03-28T16:00:00+01:00')),
  en('tomorrow at 10:30 am', min('2026-03-28T10:30:00+01:00')),
  en('any time tomorrow afternoon', part('2026-03-28T14:00:00+01:00', '2026-03-28T17:00:00+01:00')),
  en('Friday', day('2026-04-03T00:00:00+02:00')),
  en('noon tomorrow', min('2026-03-28T12:00:00+01:00')),
  en('this Friday', day('2026-03-27T00:00:00+01:00')),
  en('tomorrow at 9am', min('2026-03-28T09:00:00-04:00'), { timeZone: 'America/New_York' }),
  en('born on the 3rd of March, 1980', day('1980-03-03T00:00:00+01:00'), { expect: 'date' }),
  en('July 4th 1990', day('1990-07-04T00:00:00+02:00'), { expect: 'date' }),
  en('Tuesday 3pm', min('2026-03-31T15:00:00+02:00')),
  en('tomorrow after 2', min('2026-03-28T14:00:00+01:00')),
  en('sometime next week', day('2026-03-30T00:00:00+02:00', '2026-04-04T00:00:00+02:00')),
  en('mid April', day('2026-04-11T00:00:00+02:00', '2026-04-21T00:00:00+02:00')),
  en('at the end of April', day('2026-04-21T00:00:00+02:00', '2026-05-01T00:00:00+02:00')),
  en('on the 15th', day('2026-04-15T00:00:00+02:00')),
  en('ten thirty tomorrow', min('2026-03-28T10:30:00+01:00')),
  en('two forty-five on Monday', min('2026-03-30T14:45:00+02:00')),
];

export const DATETIME_TABLE: Table<DateTimeCase> = {
  parser: 'parseDateTime',
  cases: DATETIME_CASES,
  run: (c) => parseDateTime(c.text, c.lang, { now: NOW, timeZone: c.timeZone ?? ZONE }, c.expect),
};
