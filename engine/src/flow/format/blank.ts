// The blank flow: only what every call needs — the AI notice with the question for consent, the
// transfer for those who say no (or are not understood), and a goodbye. German like the product;
// the texts are real sentences, so a blank flow is publishable once it has a transfer target.
import type { Flow } from './schema';

export const BLANK_TEMPLATE_ID = 'leer';
const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** `target`: a transfer target of the organisation; without one the check asks for it. */
export function blankFlow(target = ''): Flow {
  return {
    schemaVersion: 1,
    id: BLANK_TEMPLATE_ID,
    name: 'Neuer Anrufablauf',
    language: 'de-DE',
    start: 'begruessung',
    settings: {
      retention: { mode: 'ttl', days: 7 },
      zeroPersistence: false,
      record: { transcript: false, callerNumber: false },
      dataCategories: [],
      // Office hours to adapt: without any, a transfer would never ring.
      businessHours: {
        timeZone: 'Europe/Berlin',
        weekly: Object.fromEntries(WORKDAYS.map((d) => [d, [['08:00', '18:00']]])),
      },
      providers: { speech: 'google', understanding: 'openai', voice: 'elevenlabs' },
      delivery: { inbox: true },
    },
    triggers: [],
    humanEscape: { keywords: ['Mensch', 'Mitarbeiter', 'Mitarbeiterin'], dtmf: '0', target: 'weiterleitung' },
    nodes: {
      begruessung: {
        kind: 'consent',
        title: 'Begrüßung & Einwilligung',
        disclosure:
          'Guten Tag, Sie sprechen mit einem automatischen KI-Assistenten. Das Gespräch wird nicht aufgezeichnet.',
        question: 'Darf ich Ihr Anliegen aufnehmen und an unser Team weitergeben?',
        reprompt: 'Bitte sagen Sie Ja oder Nein. Mit der Null erreichen Sie jederzeit eine Person.',
        next: { yes: 'abschluss', no: 'weiterleitung', unclear: 'weiterleitung' },
      },
      weiterleitung: {
        kind: 'handoff',
        title: 'Weiterleitung ans Team',
        target,
        announce: 'Kein Problem. Ich verbinde Sie mit unserem Team.',
        next: { fallback: 'abschluss' },
      },
      abschluss: {
        kind: 'end',
        title: 'Verabschiedung',
        text: 'Vielen Dank für Ihren Anruf. Auf Wiederhören.',
      },
    },
    layout: {
      nodes: {
        begruessung: { x: 300, y: 0 },
        weiterleitung: { x: 0, y: 220 },
        abschluss: { x: 300, y: 440 },
      },
    },
  };
}
