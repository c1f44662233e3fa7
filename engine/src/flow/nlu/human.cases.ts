import type { Case, Table } from './cases.js';
import { isHumanRequest } from './human.js';

export interface HumanCase extends Case<boolean> {
  extra?: readonly string[];
}

const de = (text: string, want: boolean, extra: Partial<HumanCase> = {}): HumanCase => ({
  lang: 'de',
  text,
  want,
  ...extra,
});
const en = (text: string, want: boolean, extra: Partial<HumanCase> = {}): HumanCase => ({
  lang: 'en',
  text,
  want,
  ...extra,
});

export const HUMAN_CASES: readonly HumanCase[] = [
  de('Ich will mit einem Menschen sprechen', true),
  de('Verbinden Sie mich mit jemandem', true),
  de('Kann ich eine echte Person sprechen?', true),
  de('Bitte einen Mitarbeiter', true),
  de('Ich möchte mit einer Mitarbeiterin reden', true),
  de('Stellen Sie mich bitte durch', true),
  de('Stellen Sie mich bitte nicht durch', false),
  de('Ich rede nicht mit einer Maschine, geben Sie mir die Rezeption', true),
  de('Mensch, bitte', true),
  de('Ich will keinen Roboter', true),
  de('Kann ich mit der Ärztin sprechen?', true),
  de('Ist jemand da?', true),
  de('Äh, können Sie mich weiterleiten?', true),
  de('Kann ich bitte den Chef sprechen?', true),
  de('Ich bin kein Mensch, der viel redet', false),
  de('Nein, Sie müssen mich nicht verbinden', false),
  de('Ich brauche einen Termin', false),
  de('Mein Name ist Anna Müller', false),
  de('Ich habe Schmerzen', false),
  de('Ja, gerne', false),
  de('Praxisteam bitte', true, { extra: ['Praxisteam'] }),
  en('Can I speak to a human?', true),
  en('operator', true),
  en('representative', true),
  en('I want to talk to a real person', true),
  en('Put me through to someone please', true),
  en('Is there anyone there?', true),
  en('Transfer me to the front desk', true),
  en('Let me speak to an agent', true),
  en("I'd like to speak to the manager", true),
  en("Don't transfer me, I'm fine", false),
  en("I'm calling on behalf of someone else", false),
  en('I need an appointment', false),
  en('yes please', false),
  en('My name is John Smith', false),
];

export const HUMAN_TABLE: Table<HumanCase> = {
  parser: 'isHumanRequest',
  cases: HUMAN_CASES,
  run: (c) => isHumanRequest(c.text, c.lang, c.extra),
};
