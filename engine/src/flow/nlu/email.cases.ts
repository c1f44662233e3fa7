import type { Case, Table } from './cases.js';
import { parseEmail } from './email.js';

export type EmailCase = Case<string | null>;

const de = (text: string, want: string | null, miss?: string): EmailCase => ({
  lang: 'de',
  text,
  want,
  miss,
});
const en = (text: string, want: string | null, miss?: string): EmailCase => ({
  lang: 'en',
  text,
  want,
  miss,
});

export const EMAIL_CASES: readonly EmailCase[] = [
  de('anna punkt mueller at beispiel punkt de', 'anna.mueller@beispiel.de'),
  de('Meine E-Mail ist anna punkt müller at beispiel punkt de', 'anna.mueller@beispiel.de'),
  de('anna klammeraffe web punkt de', 'anna@web.de'),
  de('Die Adresse lautet info ät praxis minus schmidt punkt de', 'info@praxis-schmidt.de'),
  de('a n n a at g m x punkt de', 'anna@gmx.de'),
  de('anna.mueller@beispiel.de', 'anna.mueller@beispiel.de'),
  de('Schreiben Sie an Anna.Mueller@Beispiel.de bitte', 'anna.mueller@beispiel.de'),
  de('max unterstrich mustermann at t minus online punkt de', 'max_mustermann@t-online.de'),
  de('peter zwei drei at gmail punkt com', 'peter23@gmail.com'),
  de('Äh, also, k punkt weber, ähm, at posteo punkt de, bitte', 'k.weber@posteo.de'),
  de('ich habe keine E-Mail', null),
  de('weiß ich nicht', null),
  de('anna at beispiel', null),
  de('m ü doppel l e r at web punkt de', 'mueller@web.de'),
  de('anna at gmx punkt net', 'anna@gmx.net'),
  de('mueller at beispiel punkt co punkt uk', 'mueller@beispiel.co.uk'),
  en('anna underscore m at gmail dot com', 'anna_m@gmail.com'),
  en('my email is john dot smith at example dot com', 'john.smith@example.com'),
  en("It's jane at outlook dot com, thanks", 'jane@outlook.com'),
  en('j s m i t h at yahoo dot co dot uk', 'jsmith@yahoo.co.uk'),
  en('mary dash ann at example dot org', 'mary-ann@example.org'),
  en('bob one two three at hotmail dot com', 'bob123@hotmail.com'),
  en('sure, it is sales @ acme.io', 'sales@acme.io'),
  en("I don't have an email", null),
  en('I am at home', null),
  en('john smith at gmail', null),
];

export const EMAIL_TABLE: Table<EmailCase> = {
  parser: 'parseEmail',
  cases: EMAIL_CASES,
  run: (c) => parseEmail(c.text, c.lang),
};
