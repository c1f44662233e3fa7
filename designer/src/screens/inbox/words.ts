// The codes a call note carries — flags set by keyword triggers, the call's outcome, the
// consent and the transfer result — in words, German and English side by side in one table,
// so the inbox list, the note and the test call cannot word them differently. A flag a flow
// invents that is not listed here is shown as the flow wrote it.
type Words = { de: string; en: string };

const FLAGS: Record<string, Words> = {
  emergency: { de: 'möglicher Notfall', en: 'possible emergency' },
  frist: { de: 'Frist läuft', en: 'deadline running' },
  haft: { de: 'Haftsache', en: 'custody matter' },
  incident: { de: 'Störung', en: 'outage' },
};

const VALUES: Record<string, Words> = {
  // consent
  given: { de: 'erteilt', en: 'given' },
  refused: { de: 'abgelehnt', en: 'refused' },
  unclear: { de: 'unklar', en: 'unclear' },
  'not-asked': { de: 'nicht gefragt', en: 'not asked' },
  // the call's outcome
  completed: { de: 'abgeschlossen', en: 'completed' },
  'handed-off': { de: 'an Mitarbeitende übergeben', en: 'handed to staff' },
  'hung-up': { de: 'aufgelegt', en: 'caller hung up' },
  failed: { de: 'abgebrochen', en: 'aborted' },
  // the last transfer
  answered: { de: 'angenommen', en: 'answered' },
  'no-answer': { de: 'nicht angenommen', en: 'not answered' },
  busy: { de: 'besetzt', en: 'busy' },
  closed: { de: 'außerhalb der Sprechzeiten', en: 'outside opening hours' },
};

const pick = (w: Words | undefined, lang: string, fallback: string) =>
  w ? (lang.startsWith('en') ? w.en : w.de) : fallback;

export const flagWord = (flag: string, lang: string) => pick(FLAGS[flag], lang, flag);
/** Consent, outcome and transfer result codes. */
export const valueWord = (code: string, lang: string) => pick(VALUES[code], lang, code);
