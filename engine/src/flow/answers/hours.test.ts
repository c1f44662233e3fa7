// Opening-hours answers against a fixed clock: the practice's week (split days, a short Wednesday,
// a closed date) at several moments, in German and English.
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../format/schema';
import { hoursFacts } from './hours-facts';
import { answerHoursQuestion, isHoursQuestion } from './hours-question';

const HOURS: BusinessHours = {
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [
      ['08:00', '12:00'],
      ['14:00', '18:00'],
    ],
    tue: [
      ['08:00', '12:00'],
      ['14:00', '18:00'],
    ],
    wed: [['08:00', '12:00']],
    thu: [
      ['08:00', '12:00'],
      ['14:00', '18:00'],
    ],
    fri: [['08:00', '12:30']],
  },
  closedDates: ['2026-03-05', '2026-12-24'],
};
const at = (iso: string) => Date.parse(iso);
const MONDAY_9 = at('2026-03-02T09:00:00+01:00');
const MONDAY_13 = at('2026-03-02T13:00:00+01:00');
const FRIDAY_19 = at('2026-03-06T19:00:00+01:00');

describe('hours questions (Monday 2 March 2026, 09:00 Berlin, unless said)', () => {
  it.each([
    [
      'Wann haben Sie am Mittwoch geöffnet?',
      MONDAY_9,
      'Am Mittwoch, 4. März, haben wir von 8 bis 12 Uhr geöffnet.',
    ],
    [
      'Bis wann sind Sie heute da?',
      MONDAY_9,
      'Heute, Montag, 2. März, haben wir von 8 bis 12 Uhr und von 14 bis 18 Uhr geöffnet.',
    ],
    [
      'Haben Sie morgen Nachmittag auf?',
      MONDAY_9,
      'Ja. Morgen, Dienstag, 3. März, haben wir von 8 bis 12 Uhr und von 14 bis 18 Uhr geöffnet.',
    ],
    [
      'Haben Sie am Mittwoch nachmittags offen?',
      MONDAY_9,
      'Nein. Am Mittwoch, 4. März, haben wir von 8 bis 12 Uhr geöffnet.',
    ],
    [
      'Haben Sie am Donnerstag auf?',
      MONDAY_9,
      'Am Donnerstag, 5. März, haben wir ausnahmsweise geschlossen.',
    ],
    ['Haben Sie jetzt geöffnet?', MONDAY_9, 'Wir haben gerade geöffnet, heute bis 12 Uhr.'],
    [
      'Haben Sie jetzt geöffnet?',
      MONDAY_13,
      'Wir haben gerade geschlossen. Wir öffnen wieder heute um 14 Uhr.',
    ],
    [
      'Haben Sie jetzt geöffnet?',
      FRIDAY_19,
      'Wir haben gerade geschlossen. Wir öffnen wieder am Montag, 9. März um 8 Uhr.',
    ],
    [
      'Bis wann haben Sie am Freitag auf?',
      MONDAY_9,
      'Am Freitag, 6. März, haben wir von 8 bis 12:30 Uhr geöffnet.',
    ],
    [
      'Wie sind Ihre Öffnungszeiten?',
      MONDAY_9,
      'Unsere Öffnungszeiten: Montag, Dienstag und Donnerstag von 8 bis 12 Uhr und von 14 bis 18 Uhr; Mittwoch von 8 bis 12 Uhr; Freitag von 8 bis 12:30 Uhr.',
    ],
  ])('%s', (question, now, answer) => {
    expect(answerHoursQuestion(HOURS, question, now, 'de')?.text).toBe(answer);
  });

  it('English', () => {
    expect(answerHoursQuestion(HOURS, 'Are you open on Wednesday afternoon?', MONDAY_9, 'en')?.text).toBe(
      'No. On Wednesday 4 March, we are open from 8 to 12.',
    );
    expect(answerHoursQuestion(HOURS, 'What are your opening hours?', MONDAY_9, 'en')?.text).toMatch(
      /^Our opening hours: Monday, Tuesday and Thursday from 8 to 12 and from 14 to 18; /,
    );
  });

  it('cites the derived facts it used', () => {
    expect(answerHoursQuestion(HOURS, 'Haben Sie morgen auf?', MONDAY_9, 'de')?.factIds).toEqual([
      'hours.tomorrow',
    ]);
    expect(answerHoursQuestion(HOURS, 'Haben Sie am Donnerstag auf?', MONDAY_9, 'de')?.factIds).toEqual([
      'hours.weekly',
      'hours.closed',
    ]);
  });

  it('leaves other questions alone', () => {
    expect(isHoursQuestion('Wo kann ich parken?', 'de')).toBe(false);
    expect(answerHoursQuestion(HOURS, 'Muss ich die Karte mitbringen?', MONDAY_9, 'de')).toBeNull();
  });
});

describe('derived facts', () => {
  it('lists the week, now, today, tomorrow and the closed dates ahead', () => {
    const facts = hoursFacts(HOURS, MONDAY_9, 'de');
    expect(facts.map((f) => f.id)).toEqual([
      'hours.weekly',
      'hours.now',
      'hours.today',
      'hours.tomorrow',
      'hours.closed',
    ]);
    expect(facts.at(-1)?.answer).toBe(
      'Geschlossen haben wir am Donnerstag, 5. März und Donnerstag, 24. Dezember.',
    );
  });
});
