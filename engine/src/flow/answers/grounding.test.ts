import { describe, expect, it } from 'vitest';
import { checkGrounding, quantitiesIn } from './grounding';
import { matchFact } from './match';

const FACTS = [
  {
    id: 'erstberatung',
    topic: 'Erstberatung',
    answer: 'Eine Erstberatung dauert etwa 45 Minuten und kostet 190 Euro.',
  },
  {
    id: 'hours.today',
    topic: 'Heute',
    answer: 'Heute, Montag, 2. März, haben wir von 9 bis 13 Uhr geöffnet.',
  },
];

describe('numbers, times and dates in an answer', () => {
  it('reads digits, number words, months and weekdays, but not articles', () => {
    expect(
      [...quantitiesIn('Eine Beratung dauert fünfundvierzig Minuten, am 2. März ab 9:30.', 'de')].sort(),
    ).toEqual(['2', '30', '45', '9', 'maerz'].sort());
    expect([...quantitiesIn('A first consultation takes one hour.', 'en')]).toEqual(['1']);
  });

  it.each([
    [['erstberatung'], 'Die Erstberatung kostet 190 Euro und dauert fünfundvierzig Minuten.', true],
    [['erstberatung'], 'Die Erstberatung kostet 150 Euro.', false],
    [['erstberatung'], 'Die Erstberatung ist am Montag.', false],
    [['erstberatung', 'hours.today'], 'Heute bis 13 Uhr, die Erstberatung kostet 190 Euro.', true],
    [['hours.today'], 'Wir haben heute bis 18 Uhr geöffnet.', false],
  ])('%j: „%s" → said: %s', (factIds, text, ok) => {
    expect(checkGrounding({ factIds, text }, FACTS, 'de').ok).toBe(ok);
  });
});

describe('matching a question to one fact', () => {
  const facts = [
    { id: 'parken', topic: 'Parken', answer: 'Im Hof.', keywords: ['Parkplatz'] },
    { id: 'anfahrt', topic: 'Anfahrt', answer: 'Bus 12.', keywords: ['Bus', 'Anfahrt'] },
    { id: 'karte', topic: 'Versichertenkarte', answer: 'Bitte mitbringen.', keywords: ['Karte'] },
    { id: 'zahlung', topic: 'Zahlung', answer: 'Bar oder EC.', keywords: ['Karte'] },
  ];
  it.each([
    ['Gibt es Parkplätze?', 'parken'],
    ['Wo kann ich parken?', 'parken'],
    ['Welcher Bus fährt zu Ihnen?', 'anfahrt'],
    ['Brauche ich eine Karte?', null], // two facts tie: no guess
    ['Gibt es keine Parkplätze?', null], // a negated mention does not count
    ['Wie ist das Wetter?', null],
  ])('%s → %s', (question, id) => {
    expect(matchFact(question, facts)?.id ?? null).toBe(id);
  });
});
