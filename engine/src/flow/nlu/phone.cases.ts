import type { Case, Table } from './cases.js';
import { parsePhone, type ParsedPhone, type PhoneCountry } from './phone.js';

export interface PhoneCase extends Case<ParsedPhone | null> {
  country?: PhoneCountry;
}

const ok = (e164: string, national: string): ParsedPhone => ({ e164, national });
const MOBILE = ok('+491712345678', '0171 2345678');

const de = (text: string, want: ParsedPhone | null, extra: Partial<PhoneCase> = {}): PhoneCase => ({
  lang: 'de',
  text,
  want,
  ...extra,
});
const en = (text: string, want: ParsedPhone | null, extra: Partial<PhoneCase> = {}): PhoneCase => ({
  lang: 'en',
  text,
  want,
  ...extra,
});

export const PHONE_CASES: readonly PhoneCase[] = [
  de('null eins sieben eins zwei drei vier fünf sechs sieben acht', MOBILE),
  de('0171 / 234 56 78', MOBILE),
  // Never more than E.164's 15 digits, though the plan accepts the whole run (a property test found it).
  de('zwo hundert hundert 14.04. hundert', ok('+4921001001404', '02100 1001404')),
  de('0171-2345678', MOBILE),
  de('Meine Nummer ist 0171 2345678', MOBILE),
  de('0 1 7 1 2 3 4 5 6 7 8', MOBILE),
  de(
    'null eins sieben eins, zwo drei vier, fünfundfünfzig, sechsundsiebzig',
    ok('+491712345576', '0171 2345576'),
  ),
  de('null eins sieben eins dreiundzwanzig fünfundvierzig sechs sieben acht', MOBILE),
  de('plus vier neun eins sieben eins zwei drei vier fünf sechs sieben acht', MOBILE),
  de('plus neunundvierzig hunderteinundsiebzig zwei drei vier fünf sechs sieben acht', MOBILE),
  de('+49 (0) 171 2345678', MOBILE),
  de('0049 171 2345678', MOBILE),
  de('Äh, null eins sieben eins, ähm, zwei drei vier, also fünf sechs sieben acht', MOBILE),
  de('Nein, die Nummer ist null eins sieben eins zwei drei vier fünf sechs sieben acht', MOBILE),
  de(
    'null eins sieben eins zwei drei vier fünf sechs sieben neun, nein, Moment, sieben acht am Ende',
    MOBILE,
    { miss: 'a correction of only the last digits is not merged into the number' },
  ),
  de('null drei null doppel-null eins zwei drei vier', ok('+4930001234', '030 001234')),
  de('null acht neun, doppel null, zwei drei vier fünf', ok('+4989002345', '089 002345')),
  de('null dreißig, zwölf, vierunddreißig, sechsundfünfzig', ok('+4930123456', '030 123456')),
  de('0171 zwei drei vier 5678', MOBILE),
  de('null zwo zwo eins vier sieben eins eins', ok('+492214711', '0221 4711')),
  de('Meine Festnetznummer: 089 1234567, mobil bin ich nicht erreichbar', ok('+49891234567', '089 1234567')),
  de('Die alte war 0171 2345678, die neue ist 0172 7654321', ok('+491727654321', '0172 7654321')),
  de('0664 1234567', ok('+436641234567', '0664 1234567'), { country: 'AT' }),
  de('null sieben neun eins zwei drei vier fünf sechs sieben', ok('+41791234567', '079 123 45 67'), {
    country: 'CH',
  }),
  de(
    'plus vier vier sieben neun eins eins eins zwei drei vier fünf sechs',
    ok('+447911123456', '+44 7911 123456'),
  ),
  de(
    'Handy: null eins fünf eins, zwölf, vierunddreißig, sechsundfünfzig, achtundsiebzig',
    ok('+4915112345678', '01511 2345678'),
  ),
  de('Die Vorwahl ist null sechs neun und dann vier zwei null, null null', ok('+496942000', '069 42000')),
  de('null sechs neun - eins zwei drei vier fünf sechs sieben', ok('+49691234567', '069 1234567')),
  de('Sie erreichen mich unter der 0 30 12 34 56 7', ok('+49301234567', '030 1234567')),
  de('null hunderteinundsiebzig zwei drei vier fünf sechs sieben acht', MOBILE),
  de('Null, eins, sieben, eins. Zwei, drei, vier. Fünf, sechs, sieben, acht.', MOBILE),
  de('Das ist die null eins sieben eins und dann zwei drei vier fünf sechs sieben acht', MOBILE),
  de('01712 345678', MOBILE),
  de('plus neunundvierzig, null, eins sieben eins, zwei drei vier, fünf sechs sieben acht', MOBILE),
  de('Die gleiche Nummer, mit der ich anrufe', null),
  de(
    'Vorwahl null drei null, Rufnummer eins zwei drei vier fünf sechs sieben',
    ok('+49301234567', '030 1234567'),
  ),
  de('null ein sieben ein zwei drei vier fünf sechs sieben acht', MOBILE),
  de('Ich habe eine Nummer für Sie: null eins sieben eins zwei drei vier fünf sechs sieben acht', MOBILE),
  de('eins zwei drei', null),
  de('weiß ich nicht auswendig', null),
  de('Die ist, äh, null eins sieben', null),
  de('null eins zwei drei vier', null),
  de('Ich habe eine neue Nummer: null eins sieben eins zwei drei vier fünf sechs sieben acht', MOBILE),
  en('oh one seven one two three four five six seven eight', MOBILE),
  en('zero one seven one, two three four, five six seven eight', MOBILE),
  en('my number is 0171 2345678', MOBILE),
  en('plus four nine one seven one two three four five six seven eight', MOBILE),
  // With the German default this is a valid German number (0791 is Schwäbisch Hall): an English
  // flow for UK callers sets defaultCountry 'GB'.
  en('oh seven nine one one, one two three, four five six', ok('+497911123456', '0791 1123456')),
  en('oh seven nine one one, one two three, four five six', ok('+447911123456', '07911 123456'), {
    country: 'GB',
  }),
  en('07911 123456', ok('+447911123456', '07911 123456'), { country: 'GB' }),
  en('oh double seven nine one one two three four five six', ok('+447791123456', '+44 7791 123456')),
  en('two oh two, five five five, oh one two three', ok('+12025550123', '(202) 555-0123'), { country: 'US' }),
  en('eight hundred, five five five, oh one nine nine', ok('+18005550199', '(800) 555-0199'), {
    country: 'US',
  }),
  en('plus one two oh two five five five oh one two three', ok('+12025550123', '+1 202 555 0123')),
  en('um, it is oh one seven one, uh, two three four five six seven eight', MOBILE),
  en('no, the number is 0171 2345678', MOBILE),
  en('two oh two triple five oh one two three', ok('+12025550123', '(202) 555-0123'), { country: 'US' }),
  en('oh one seven one, two three four five, six seven eight', MOBILE),
  en('area code two oh two, number five five five oh one two three', ok('+12025550123', '(202) 555-0123'), {
    country: 'US',
  }),
  en('oh one seven one to three for five six seven eight', MOBILE),
  en('I want to give you oh one seven one two three four five six seven eight', MOBILE),
  en("I don't have one", null),
  en('one two three four', null),
];

export const PHONE_TABLE: Table<PhoneCase> = {
  parser: 'parsePhone',
  cases: PHONE_CASES,
  // The rows are about the number; the kind of line is checked in utterances.cases.ts.
  run: (c) => {
    const p = parsePhone(c.text, c.lang, c.country ? { defaultCountry: c.country } : undefined);
    return p && { e164: p.e164, national: p.national };
  },
};
