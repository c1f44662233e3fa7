import { describe, expect, it } from 'vitest';
import { calendarDate, clockTime, detailText, namedMoment, when } from './when';

describe('dates and times in words, never ISO', () => {
  it('shows a callback time the caller named at its own wall-clock time', () => {
    expect(namedMoment('2026-12-08T09:00:00+01:00', 'de')).toBe('Di., 8. Dez. 2026, 9:00 Uhr');
    expect(namedMoment('2026-12-08T09:00:00+01:00', 'en')).toBe('Tue, Dec 8, 2026, 9:00 AM');
    expect(namedMoment('2026-07-01T14:30:00+02:00', 'de')).toBe('Mi., 1. Juli 2026, 14:30 Uhr');
    expect(namedMoment('morgen früh', 'de')).toBe('morgen früh');
  });

  it('shows dates of details in the German and the US order', () => {
    expect(calendarDate('1980-05-12', 'de')).toBe('12.05.1980');
    expect(calendarDate('1980-05-12', 'en')).toBe('05/12/1980');
  });

  it('shows times of day with „Uhr“ in German and AM/PM in English', () => {
    expect(clockTime('14:00', 'de')).toBe('14:00 Uhr');
    expect(clockTime('14:00', 'en')).toBe('2:00 PM');
  });

  it('words every kind of detail value', () => {
    const yesNo: [string, string] = ['ja', 'nein'];
    expect(detailText('1980-03-03', 'de', yesNo)).toBe('03.03.1980');
    expect(detailText('09:15', 'de', yesNo)).toBe('9:15 Uhr');
    expect(detailText(true, 'de', yesNo)).toBe('ja');
    expect(detailText('Anna Schmidt', 'de', yesNo)).toBe('Anna Schmidt');
    expect(detailText('+491711234567', 'de', yesNo)).toBe('+491711234567');
  });

  it('shows when a note came in with weekday and „Uhr“', () => {
    expect(when(Date.UTC(2026, 11, 7, 8, 14), 'de')).toMatch(/^Mo\., 7\. Dez\. 2026, \d{1,2}:14 Uhr$/);
    expect(when(Date.UTC(2026, 11, 7, 8, 14), 'en')).toMatch(/^Mon, Dec 7, 2026, \d{1,2}:14 [AP]M$/);
  });
});
