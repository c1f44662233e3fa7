import type { Case, Table } from './cases.js';
import { matchChoice, type ChoiceOption } from './choice.js';

export interface ChoiceCase extends Case<string | null> {
  choices: readonly ChoiceOption[];
}

const PRAXIS: readonly ChoiceOption[] = [
  { value: 'appointment', label: 'Termin vereinbaren', keywords: ['Termin', 'Sprechstunde'] },
  { value: 'cancel', label: 'Termin absagen', keywords: ['absagen', 'stornieren', 'verschieben'] },
  { value: 'prescription', label: 'Rezept', keywords: ['Folgerezept', 'Medikament', 'Überweisung'] },
  { value: 'other', label: 'Sonstiges', keywords: ['etwas anderes'] },
];
const SUPPORT: readonly ChoiceOption[] = [
  { value: 'billing', label: 'Billing', keywords: ['invoice', 'payment', 'charge'] },
  { value: 'technical', label: 'Technical problem', keywords: ['not working', 'broken', 'error', 'outage'] },
  { value: 'sales', label: 'New order', keywords: ['buy', 'order', 'quote'] },
];

const de = (text: string, want: string | null, miss?: string): ChoiceCase => ({
  lang: 'de',
  text,
  want,
  choices: PRAXIS,
  miss,
});
const en = (text: string, want: string | null, miss?: string): ChoiceCase => ({
  lang: 'en',
  text,
  want,
  choices: SUPPORT,
  miss,
});

export const CHOICE_CASES: readonly ChoiceCase[] = [
  de('Ich möchte einen Termin vereinbaren', 'appointment'),
  de('einen Termin bitte', 'appointment'),
  de('Ich muss meinen Termin absagen', 'cancel'),
  de('Kann ich den Termin verschieben?', 'cancel'),
  de('Ich brauche ein neues Rezept', 'prescription'),
  de('wegen meiner Medikamente', 'prescription'),
  de('eine Ueberweisung zum Orthopäden', 'prescription'),
  de('etwas anderes', 'other'),
  de('die zweite', 'cancel'),
  de('das letzte', 'other'),
  de('Keine Ahnung', null),
  de('Ich hätte gern einen Termin, oder nein, ein Rezept', 'prescription'),
  en('I have a question about my invoice', 'billing'),
  en('billing please', 'billing'),
  en('my router is not working', 'technical'),
  en('there is an error', 'technical'),
  en('I want to buy something', 'sales'),
  en('the first one', 'billing'),
  en('number three', 'sales'),
  en('I have no idea', null),
];

export const CHOICE_TABLE: Table<ChoiceCase> = {
  parser: 'matchChoice',
  cases: CHOICE_CASES,
  run: (c) => matchChoice(c.text, c.choices, c.lang),
};
