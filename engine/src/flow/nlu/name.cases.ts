import type { Case, Table } from './cases.js';
import { parseName } from './name.js';

export type NameCase = Case<string | null>;

const de = (text: string, want: string | null, miss?: string): NameCase => ({ lang: 'de', text, want, miss });
const en = (text: string, want: string | null, miss?: string): NameCase => ({ lang: 'en', text, want, miss });

export const NAME_CASES: readonly NameCase[] = [
  de('Mein Name ist Anna Müller', 'Anna Müller'),
  de('mein name ist anna müller', 'Anna Müller'),
  de('Hier ist Müller', 'Müller'),
  de('Müller, Anna', 'Anna Müller'),
  de('Ich bin der Herr Schmidt', 'Schmidt'),
  de('Schmidt', 'Schmidt'),
  de('Ja, hallo, hier spricht Petra Schulze', 'Petra Schulze'),
  de('Ich heiße Jürgen', 'Jürgen'),
  de('Äh, mein Name ist, äh, Klaus Meier', 'Klaus Meier'),
  de('Anna-Lena Weber', 'Anna-Lena Weber'),
  de('hans-peter von der heide', 'Hans-Peter von der Heide'),
  de('Guten Tag, Müller hier', 'Müller'),
  de('Dr. Hannah Schneider', 'Dr. Hannah Schneider'),
  de('Meier mit ei', 'Meier'),
  de('Mein Name ist Özdemir, Ayşe', 'Ayşe Özdemir'),
  de('Familie Schneider', 'Schneider'),
  de('Die Anna', 'Anna'),
  de('Frau Weißmann am Apparat', 'Weißmann'),
  de('Ja, hier ist die Frau Dr. Schneider', 'Dr. Schneider'),
  de('weiß ich nicht', null),
  de('Das möchte ich nicht sagen', null),
  de('Ich rufe wegen meiner Rechnung an', null),
  de('Nein', null),
  de('Meine Tochter ist krank', null),
  de('Ich habe einen Termin', null),
  de('Müller ist mein Name', 'Müller'),
  de('Hans Müller, äh, ich rufe an wegen meinem Termin', 'Hans Müller'),
  de('Schmidt, S C H M I D T', 'Schmidt'),
  de('Meyer, M E Y E R, Klaus', 'Klaus Meyer'),
  en('John F Kennedy', 'John F Kennedy'),
  en('This is John Smith', 'John Smith'),
  en("it's Jane", 'Jane'),
  en("My name is Mary O'Brien", "Mary O'Brien"),
  en('Smith, John', 'John Smith'),
  en('john', 'John'),
  en("I'm Dr. Patel", 'Dr. Patel'),
  en('Hi, uh, this is Mike calling', 'Mike'),
  en('Sarah Connor speaking', 'Sarah Connor'),
  en('Mr. Jones', 'Jones'),
  en('my name is ronald mcdonald', 'Ronald McDonald'),
  en('Jean-Luc Picard here', 'Jean-Luc Picard'),
  en('You can call me Liz', 'Liz'),
  en("Yeah hi, it's Tom from accounting", 'Tom'),
  en("I'd rather not say", null),
  en("I don't know", null),
  en('yes', null),
  en('I have a question about my bill', null),
  en("The name's Bond, James Bond", 'James Bond'),
];

export const NAME_TABLE: Table<NameCase> = {
  parser: 'parseName',
  cases: NAME_CASES,
  run: (c) => parseName(c.text, c.lang),
};
