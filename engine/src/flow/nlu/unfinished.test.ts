import { describe, expect, it } from 'vitest';
import type { Lang } from './lang.js';
import { endsInDictation, endsMidSentence, type Dictation } from './unfinished.js';

const MID_SENTENCE: [Lang, string, boolean][] = [
  ['de', 'Mein Name ist', true],
  ['de', 'Ich hätte gern einen Termin am', true],
  ['de', 'morgen um', true],
  ['de', 'Ich brauche ein Rezept und', true],
  ['de', 'Ja, also', true],
  ['de', 'ähm', true],
  ['de', 'Ich möchte', true],
  ['de', 'Ja, gerne.', false],
  ['de', 'Mein Name ist Anna Schmidt', false],
  ['de', 'Ich brauche ein Folgerezept für meine Blutdrucktabletten.', false],
  ['de', 'morgen um zehn', false],
  ['de', 'Ja, ich will', false],
  ['de', '', false],
  ['en', 'My name is', true],
  ['en', 'tomorrow at', true],
  ['en', 'uh', true],
  ['en', "It's a technical problem.", false],
  ['en', 'Yes, sure.', false],
];

const DICTATION: [Lang, string, Dictation, boolean][] = [
  ['de', 'null eins sieben', 'number', true],
  ['de', 'null eins sieben eins, eins zwei drei', 'number', true],
  ['de', '0 1 5 1 2', 'number', true],
  ['de', 'doppel', 'number', true],
  ['de', 'unter dieser Nummer', 'number', false],
  ['de', 'am dritten', 'date', true],
  ['de', 'dritter März', 'date', true],
  ['de', 'neunzehnhundert', 'date', true],
  ['de', 'keine Ahnung', 'date', false],
  ['de', 'anna punkt', 'email', true],
  ['de', 'anna punkt schmidt', 'email', false],
  ['en', 'oh seven nine one', 'number', true],
  ['en', 'double', 'number', true],
  ['en', 'the twelfth', 'date', true],
  ['en', 'john dot smith at', 'email', true],
  ['en', 'constructor', 'date', false],
];

describe('endsMidSentence', () => {
  for (const [lang, text, want] of MID_SENTENCE)
    it(`${lang}: ${JSON.stringify(text)} → ${want}`, () => expect(endsMidSentence(text, lang)).toBe(want));
});

describe('endsInDictation', () => {
  for (const [lang, text, kind, want] of DICTATION)
    it(`${lang} ${kind}: ${JSON.stringify(text)} → ${want}`, () =>
      expect(endsInDictation(text, lang, kind)).toBe(want));
});
