import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/max';
import type { Lang } from './lang.js';
import { phoneRuns, type Run } from './phoneTokens.js';

export type PhoneCountry = 'DE' | 'GB' | 'AT' | 'CH' | 'US';
export interface ParsedPhone {
  /** "+491712345678" */
  e164: string;
  /** As a caller in the default country would dial it: "0171 2345678"; foreign numbers in international format. */
  national: string;
  /** The kind of line, by the numbering plan ("MOBILE", "FIXED_LINE", "PREMIUM_RATE" …), when known. */
  type?: NonNullable<NumberType>;
}

/**
 * Premium-rate and shared-cost numbers (0900, 0180, 0137, +1 900 …): calling one back costs the
 * business and pays whoever runs the line, so they are never taken as a callback number.
 */
export function isPaidServiceNumber(phone: ParsedPhone): boolean {
  return phone.type === 'PREMIUM_RATE' || phone.type === 'SHARED_COST';
}

/** Countries tried after the default one: an English caller in Germany may give a UK or US number. */
const FALLBACK: Record<Lang, readonly PhoneCountry[]> = { de: [], en: ['GB', 'US'] };

function validate(digits: string, countries: readonly PhoneCountry[]): ParsedPhone | null {
  // Outside these lengths no plan has a number (E.164 allows 15 digits, plus "00"/"0" prefixes): skip the costly parse.
  const length = digits.replace('+', '').length;
  if (length < 5 || length > 17) return null;
  for (const country of countries) {
    const n = parsePhoneNumberFromString(digits, country as CountryCode);
    // E.164 caps a number at 15 digits; the numbering plan alone lets some longer German ones
    // through ("zwo hundert hundert 14.04. hundert" gave +49 and 14 more digits).
    if (!n || !n.isValid() || n.number.length > 16) continue;
    // Same calling code as the default country: UK numbers may resolve to Jersey or Guernsey.
    const home = n.countryCallingCode === getCountryCallingCode(countries[0] as CountryCode);
    const type = n.getType();
    return {
      e164: n.number,
      national: home ? n.formatNational() : n.formatInternational(),
      ...(type ? { type } : {}),
    };
  }
  return null;
}

/** Tries the whole run, then without leading groups ("Nummer 2: 0171 …"), then without trailing ones. */
function bestInRun(run: Run, countries: readonly PhoneCountry[]): ParsedPhone | null {
  const whole = validate(run.join(''), countries);
  if (whole) return whole;
  // A number that starts mid-run still starts like one: with "+" or the trunk "0" (US numbers have none).
  for (let start = 1; start < run.length; start++) {
    if (countries[0] !== 'US' && !/^[+0]/.test(run[start])) continue;
    const hit = validate(run.slice(start).join(''), countries);
    if (hit) return hit;
  }
  for (let end = run.length - 1; end > 0; end--) {
    const hit = validate(run.slice(0, end).join(''), countries);
    if (hit) return hit;
  }
  return null;
}

/**
 * Finds a valid phone number in what the caller said: spoken digits and number words in either
 * language, written numbers with any separators, "plus vier neun …", "doppel null", fillers.
 * When several numbers are said, the last valid one wins ("null eins sieben eins, nein, null eins
 * sieben zwei …" is a correction).
 */
export function parsePhone(
  text: string,
  lang: Lang,
  opts?: { defaultCountry?: PhoneCountry },
): ParsedPhone | null {
  const home = opts?.defaultCountry ?? 'DE';
  const countries = [home, ...FALLBACK[lang].filter((c) => c !== home)];
  const runs = phoneRuns(text, lang);
  for (let i = runs.length - 1; i >= 0; i--) {
    const hit = bestInRun(runs[i], countries);
    if (hit) return hit;
  }
  // "Vorwahl null drei null, Rufnummer eins zwei drei …": area code and number as two runs.
  for (let i = runs.length - 2; i >= 0; i--) {
    const hit = validate([...runs[i], ...runs[i + 1]].join(''), countries);
    if (hit) return hit;
  }
  return null;
}
