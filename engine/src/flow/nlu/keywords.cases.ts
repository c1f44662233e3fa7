import type { Case, Table } from './cases.js';
import { matchKeywords } from './keywords.js';

export interface KeywordCase extends Case<string | null> {
  keywords: readonly string[];
}

const MEDICAL = ['Notfall', 'Schmerzen in der Brust', 'Atemnot', 'bewusstlos', 'Ärztin'];
const LEGAL = ['Frist', 'Kündigung', 'Haftbefehl'];
const SUPPORT = ['outage', 'chest pain', 'emergency', 'refund', 'password'];

const de = (
  text: string,
  want: string | null,
  keywords: readonly string[] = MEDICAL,
  miss?: string,
): KeywordCase => ({ lang: 'de', text, want, keywords, miss });
const en = (
  text: string,
  want: string | null,
  keywords: readonly string[] = SUPPORT,
  miss?: string,
): KeywordCase => ({ lang: 'en', text, want, keywords, miss });

export const KEYWORD_CASES: readonly KeywordCase[] = [
  de('Es ist ein Notfall!', 'Notfall'),
  de('NOTFALL', 'Notfall'),
  de('im Notfall rufe ich an', 'Notfall'),
  de('für Notfälle', 'Notfall'),
  de('ich brauche einen Notfalls-Termin', 'Notfall'),
  de('ich habe starke Schmerzen in der Brust', 'Schmerzen in der Brust'),
  de('Schmerzen in der Brust seit heute Morgen', 'Schmerzen in der Brust'),
  de('mein Mann ist bewusstlos', 'bewusstlos'),
  de('Ich möchte zur Aerztin', 'Ärztin'),
  de('ich möchte zur ärztin', 'Ärztin'),
  de('Es ist kein Notfall', null),
  de('kein echter Notfall, nur eine Frage', null),
  de('Das ist nicht dringend', null, ['dringend']),
  de('Eigentlich kein Notfall, aber jetzt doch ein Notfall', 'Notfall'),
  de('keine Schmerzen in der Brust, aber Atemnot', 'Atemnot'),
  de('Ich habe Schmerzen im Bein', null),
  de('ein Rezept bitte', null),
  de('Brustschmerzen', 'Schmerzen in der Brust'),
  de('starke Brustschmerzen seit dem Frühstück', 'Schmerzen in der Brust'),
  de('keine Brustschmerzen', null),
  de('die Frist läuft morgen ab', 'Frist', LEGAL),
  de('wegen der Fristen', 'Frist', LEGAL),
  de('ich habe eine Kuendigung bekommen', 'Kündigung', LEGAL),
  de(
    'fristlos gekündigt',
    'Kündigung',
    LEGAL,
    'the verb "gekündigt" does not start with the keyword, and "fristlos" matches "Frist" (prefix rule)',
  ),
  de('Wo finde ich den Notfallplan?', 'Notfall', MEDICAL),
  de('Ich habe seit gestern Schmerz in der Brust', 'Schmerzen in der Brust'),
  de('der Fall ist erledigt', null, ['Notfall']),
  de('Ich frage nach der Rechnung', null, LEGAL),
  en('There is an outage', 'outage'),
  en('we have outages everywhere', 'outage'),
  en('I have chest pain', 'chest pain'),
  en('Chest pains since this morning', 'chest pain'),
  en('this is an emergency', 'emergency'),
  en('I want a refund', 'refund'),
  en('I forgot my passwords', 'password'),
  en("It's not an emergency", null),
  en('no outage, just a question', null),
  en('I need to change my address', null),
  en('my chest is fine but I have pain', null),
];

export const KEYWORD_TABLE: Table<KeywordCase> = {
  parser: 'matchKeywords',
  cases: KEYWORD_CASES,
  run: (c) => matchKeywords(c.text, c.keywords, c.lang),
};
