// A small flow that is valid for the current loader: greeting & consent, one question, goodbye,
// and "human, please" to the reception. Tests derive variants from it.
export function validFlow(id = 'test-ablauf', name = 'Testablauf'): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id,
    name,
    language: 'de-DE',
    start: 'begruessung',
    settings: {
      retention: { mode: 'ttl', days: 7 },
      zeroPersistence: false,
      record: { transcript: false, callerNumber: false },
      dataCategories: [],
      businessHours: { timeZone: 'Europe/Berlin', weekly: { mon: [['08:00', '12:00']] } },
      providers: { speech: 'google', understanding: 'none', voice: 'elevenlabs' },
      delivery: { inbox: true },
    },
    humanEscape: { keywords: ['Mensch'], dtmf: '0', target: 'weiterleitung' },
    triggers: [],
    nodes: {
      begruessung: {
        kind: 'consent',
        disclosure:
          'Sie sprechen mit einem automatischen KI-Assistenten. Das Gespräch wird nicht aufgezeichnet.',
        question: 'Sind Sie damit einverstanden?',
        next: { yes: 'anliegen', no: 'weiterleitung', unclear: 'weiterleitung' },
      },
      anliegen: {
        kind: 'intake',
        fields: [
          { key: 'name', label: 'Name', type: 'name', role: 'callerName', prompt: 'Wie ist Ihr Name?' },
        ],
        next: 'ende',
      },
      weiterleitung: {
        kind: 'handoff',
        target: 'empfang',
        announce: 'Ich verbinde Sie mit dem Empfang.',
        next: { fallback: 'ende' },
      },
      ende: { kind: 'end', text: 'Vielen Dank, auf Wiederhören.' },
    },
  };
}

/** The same flow with one more question: a second, different version. */
export function changedFlow(id = 'test-ablauf'): Record<string, unknown> {
  const flow = validFlow(id);
  const nodes = flow.nodes as Record<string, { fields?: unknown[] }>;
  nodes.anliegen.fields = [
    ...(nodes.anliegen.fields ?? []),
    { key: 'concern', label: 'Anliegen', type: 'text', role: 'concern', prompt: 'Worum geht es?' },
  ];
  return flow;
}

/** A flow with an error (the handoff target is not on the allow-list). */
export function brokenFlow(id = 'test-ablauf'): Record<string, unknown> {
  const flow = validFlow(id);
  (flow.nodes as Record<string, { target?: string }>).weiterleitung.target = 'unbekannt';
  return flow;
}
