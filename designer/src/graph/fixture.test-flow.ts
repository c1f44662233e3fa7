// A small, complete flow for pure tests (before and besides the example flows in flows/).
import type { Flow } from '../../../engine/src/flow/format/schema';

export const FIXTURE_FLOW: Flow = {
  schemaVersion: 1,
  id: 'test-praxis',
  name: 'Testpraxis',
  language: 'de-DE',
  start: 'begruessung',
  settings: {
    retention: { mode: 'ttl', days: 7 },
    zeroPersistence: false,
    record: { transcript: false, callerNumber: true },
    dataCategories: ['health'],
    businessHours: { timeZone: 'Europe/Berlin', weekly: { mon: [['08:00', '12:00']] } },
    providers: { speech: 'google', understanding: 'openai', voice: 'elevenlabs' },
    delivery: { inbox: true },
  },
  triggers: [
    { id: 'notfall', label: 'Notfall', keywords: ['notfall'], priority: 'urgent', goto: 'weiterleitung' },
  ],
  humanEscape: { keywords: ['mensch'], dtmf: '0', target: 'weiterleitung' },
  nodes: {
    begruessung: {
      kind: 'consent',
      disclosure: 'Sie sprechen mit einem KI-Assistenten.',
      question: 'Einverstanden?',
      next: { yes: 'anliegen', no: 'weiterleitung', unclear: 'weiterleitung' },
    },
    anliegen: {
      kind: 'intake',
      fields: [
        { key: 'name', label: 'Name', type: 'name', prompt: 'Ihr Name?' },
        { key: 'symptome', label: 'Beschwerden', type: 'text', prompt: 'Was fehlt Ihnen?', sensitive: true },
      ],
      next: 'weiche',
    },
    weiche: {
      kind: 'branch',
      field: 'symptome',
      options: [{ id: 'dringend', label: 'Dringend', keywords: ['fieber'], next: 'rueckruf' }],
      default: 'ende',
    },
    rueckruf: { kind: 'callback', priority: 'urgent', next: 'ende' },
    weiterleitung: {
      kind: 'handoff',
      target: 'empfang',
      announce: 'Ich verbinde.',
      next: { fallback: 'ende' },
    },
    ende: { kind: 'end', text: 'Auf Wiederhören.' },
  },
  layout: {
    nodes: {
      begruessung: { x: 0, y: 0 },
      anliegen: { x: 0, y: 200 },
      weiche: { x: 0, y: 400 },
      rueckruf: { x: 0, y: 600 },
      weiterleitung: { x: 320, y: 200 },
      ende: { x: 0, y: 800 },
    },
  },
};
