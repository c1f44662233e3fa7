// Plain words for the format's property names, so schema messages read "„KI-Hinweis“
// (disclosure) fehlt" instead of only the technical key. Words follow docs/glossary.md.
import type { LocalizedText } from '../diagnostics';

const WORDS: Record<string, [de: string, en: string]> = {
  schemaVersion: ['Formatversion', 'format version'],
  id: ['Kennung', 'id'],
  name: ['Name', 'name'],
  description: ['Beschreibung', 'description'],
  language: ['Sprache', 'language'],
  start: ['Anfang', 'start'],
  settings: ['Einstellungen des Ablaufs', 'flow settings'],
  humanEscape: ['„Mensch, bitte“', '“human, please”'],
  triggers: ['Stichwort-Auslöser', 'keyword triggers'],
  nodes: ['Schritte', 'steps'],
  kind: ['Art des Schritts', 'kind of step'],
  title: ['Titel', 'title'],
  note: ['Notiz', 'note'],
  disclosure: ['KI-Hinweis', 'AI notice'],
  question: ['Einwilligungsfrage', 'consent question'],
  reprompt: ['Nachfrage', 'follow-up question'],
  maxAttempts: ['Anzahl Versuche', 'number of attempts'],
  next: ['nächster Schritt', 'next step'],
  yes: ['Ausgang „Ja“', 'exit “yes”'],
  no: ['Ausgang „Nein“', 'exit “no”'],
  unclear: ['Ausgang „unklar“', 'exit “unclear”'],
  open: ['Ausgang „geöffnet“', 'exit “open”'],
  closed: ['Ausgang „geschlossen“', 'exit “closed”'],
  fallback: ['Ausweg, wenn niemand abhebt', 'fallback when nobody answers'],
  text: ['Text', 'text'],
  bargeIn: ['Unterbrechen erlaubt', 'barge-in allowed'],
  fields: ['Angaben', 'details'],
  key: ['Schlüssel', 'key'],
  label: ['Bezeichnung', 'label'],
  type: ['Art der Angabe', 'type of detail'],
  role: ['Bedeutung', 'role'],
  prompt: ['Frage', 'question'],
  required: ['Pflichtangabe', 'required'],
  confirm: ['Vorlesen zur Bestätigung', 'read back to confirm'],
  sensitive: ['besondere Kategorie', 'special category'],
  llm: ['Darf vom Sprachverständnis (KI) gelesen werden', 'May be read by the understanding service (AI)'],
  choices: ['Antwortmöglichkeiten', 'answer options'],
  value: ['Wert', 'value'],
  validation: ['Prüfung', 'validation'],
  field: ['Angabe', 'detail'],
  options: ['Möglichkeiten', 'options'],
  default: ['sonst', 'otherwise'],
  keywords: ['Stichwörter', 'keywords'],
  priority: ['Dringlichkeit', 'priority'],
  numberField: ['Rückrufnummer aus', 'callback number from'],
  numberPrompt: ['Frage nach der Rückrufnummer', 'question for the callback number'],
  timePrompt: ['Frage nach der Rückrufzeit', 'question for the callback time'],
  when: ['Zeitraum', 'period'],
  window: ['Rückrufzeitraum', 'callback window'],
  earliest: ['frühestens', 'earliest'],
  latest: ['spätestens', 'latest'],
  confirmation: ['Bestätigung', 'confirmation'],
  target: ['Ziel', 'target'],
  announce: ['Ansage vor der Weiterleitung', 'announcement before the transfer'],
  whisper: ['Hinweis für Mitarbeitende', 'whisper to staff'],
  respectHours: ['Sprechzeiten beachten', 'respect opening hours'],
  ringSeconds: ['Klingeldauer in Sekunden', 'ring time in seconds'],
  retention: ['Aufbewahrung', 'retention'],
  mode: ['Art der Aufbewahrung', 'retention mode'],
  days: ['Tage', 'days'],
  zeroPersistence: ['Ohne Speicherung', 'no storage'],
  record: ['Inhalt der Gesprächsnotiz', 'call note contents'],
  transcript: ['Gesprächsverlauf', 'transcript'],
  callerNumber: ['Rufnummer des Anrufenden', "caller's number"],
  dataCategories: ['besondere Datenkategorien', 'special data categories'],
  professionalSecrecy: ['Berufsgeheimnis', 'professional secrecy'],
  businessHours: ['Sprechzeiten', 'opening hours'],
  timeZone: ['Zeitzone', 'time zone'],
  weekly: ['Wochenplan', 'weekly schedule'],
  closedDates: ['geschlossene Tage', 'closed dates'],
  mon: ['Montag', 'Monday'],
  tue: ['Dienstag', 'Tuesday'],
  wed: ['Mittwoch', 'Wednesday'],
  thu: ['Donnerstag', 'Thursday'],
  fri: ['Freitag', 'Friday'],
  sat: ['Samstag', 'Saturday'],
  sun: ['Sonntag', 'Sunday'],
  providers: ['Anbieter', 'providers'],
  speech: ['Spracherkennung', 'speech recognition'],
  understanding: ['Sprachverständnis', 'understanding'],
  voice: ['Sprachausgabe', 'voice'],
  voiceId: ['Stimme', 'voice id'],
  delivery: ['Zustellung', 'delivery'],
  inbox: ['Posteingang', 'inbox'],
  webhookUrl: ['Webhook-Adresse', 'webhook address'],
  limits: ['Grenzen', 'limits'],
  flag: ['Markierung', 'flag'],
  goto: ['springt zu', 'jumps to'],
  dtmf: ['Taste', 'key'],
  layout: ['Layout', 'layout'],
};

/** "KI-Hinweis (disclosure)" / "AI notice (disclosure)"; unknown names stay as they are. */
export function propertyWords(name: string): LocalizedText {
  const w = Object.hasOwn(WORDS, name) ? WORDS[name] : undefined;
  if (w === undefined) return { de: name, en: name };
  const both = (word: string): string =>
    word.toLowerCase() === name.toLowerCase() ? word : `${word} (${name})`;
  return { de: both(w[0]), en: both(w[1]) };
}

/** An example of the right form for texts with a fixed form, by property name. */
const EXAMPLES: Record<string, string> = {
  language: 'de-DE',
  id: 'praxis-mueller',
  start: 'begruessung',
  next: 'begruessung',
  default: 'begruessung',
  goto: 'begruessung',
  target: 'empfang',
  key: 'rueckrufnummer',
  field: 'rueckrufnummer',
  numberField: 'rueckrufnummer',
  earliest: '08:30',
  latest: '17:00',
  dtmf: '0',
  closedDates: '2026-12-24',
  flag: 'notfall',
};

export function formExample(name: string, index: string | undefined): string | undefined {
  if (Object.hasOwn(EXAMPLES, name)) return EXAMPLES[name];
  if (/^(mon|tue|wed|thu|fri|sat|sun)$/.test(name) && index !== undefined) return '08:00';
  if (['yes', 'no', 'unclear', 'open', 'closed', 'fallback'].includes(name)) return 'begruessung';
  return undefined;
}
