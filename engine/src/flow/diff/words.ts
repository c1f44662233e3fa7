// The words the diff uses: names of properties, node kinds and values, in German (first) and
// English. Glossary terms from docs/glossary.md: "Schritt" for node, "Angabe" for field.
import type { LocalizedText } from '../diagnostics';
import type { NodeKind } from '../format/schema';
import { stepKinds } from '../nodes';
import type { Names } from './names';
import { text } from './values';

export const t = (de: string, en: string): LocalizedText => ({ de, en });

const PROPERTIES: Record<string, LocalizedText> = {
  disclosure: t('KI-Hinweis', 'disclosure text'),
  question: t('Einwilligungsfrage', 'consent question'),
  reprompt: t('Nachfrage', 'reprompt'),
  maxAttempts: t('Anzahl der Versuche', 'number of attempts'),
  text: t('Text', 'text'),
  bargeIn: t('Unterbrechen erlaubt', 'barge-in'),
  title: t('Titel', 'title'),
  note: t('Notiz', 'note'),
  prompt: t('Frage', 'prompt'),
  field: t('ausgewertete Angabe', 'evaluated field'),
  priority: t('Priorität', 'priority'),
  numberField: t('Angabe mit der Rückrufnummer', 'callback number field'),
  numberPrompt: t('Frage nach der Rückrufnummer', 'callback number question'),
  timePrompt: t('Frage nach der Rückrufzeit', 'callback time question'),
  earliest: t('frühester Rückruf', 'earliest callback'),
  latest: t('spätester Rückruf', 'latest callback'),
  window: t('Rückrufzeitfenster', 'callback window'),
  confirmation: t('Bestätigung', 'confirmation'),
  target: t('Weiterleitungsziel', 'transfer target'),
  announce: t('Ansage vor der Weiterleitung', 'transfer announcement'),
  whisper: t('Zusammenfassung für Mitarbeitende', 'whisper summary'),
  respectHours: t('nur zu Sprechzeiten', 'only during opening hours'),
  ringSeconds: t('Klingeldauer in Sekunden', 'ring time in seconds'),
  label: t('Bezeichnung', 'label'),
  type: t('Art der Angabe', 'type'),
  role: t('Bedeutung', 'role'),
  required: t('Pflichtangabe', 'required'),
  confirm: t('Vorlesen zur Bestätigung', 'confirm by readback'),
  sensitive: t('besondere Kategorie (Art. 9)', 'sensitive (Art. 9)'),
  llm: t('Weitergabe an das Sprachmodell', 'sent to the language model'),
  choices: t('Auswahlmöglichkeiten', 'choices'),
  pattern: t('Prüfmuster', 'validation pattern'),
  min: t('Mindestwert', 'minimum'),
  max: t('Höchstwert', 'maximum'),
  maxLength: t('Höchstlänge', 'maximum length'),
  when: t('Zeitraum (Vergangenheit/Zukunft)', 'period (past/future)'),
  keywords: t('Stichwörter', 'keywords'),
  flag: t('Markierung', 'flag'),
  goto: t('Sprungziel', 'jump target'),
  dtmf: t('Taste', 'key'),
  name: t('Name', 'name'),
  description: t('Beschreibung', 'description'),
  language: t('Sprache', 'language'),
  start: t('erster Schritt', 'first step'),
  id: t('Kennung', 'id'),
  topic: t('Thema', 'topic'),
  answer: t('Antwort', 'answer'),
  model: t('Antworten durch das Sprachmodell', 'answers by the language model'),
  schemaVersion: t('Formatversion', 'format version'),
};

/** The name of the last property in a path, or the raw dotted path when we have no word for it. */
export function propertyName(keys: string[]): LocalizedText {
  const last = keys[keys.length - 1] ?? '';
  return PROPERTIES[last] ?? t(`\`${keys.join('.')}\``, `\`${keys.join('.')}\``);
}

export const kindName = (kind: unknown): LocalizedText =>
  (typeof kind === 'string' && Object.hasOwn(stepKinds, kind)
    ? stepKinds[kind as NodeKind].words
    : undefined) ?? t(`„${text(kind)}“`, `"${text(kind)}"`);

/** Texts longer than this are not quoted inside a sentence; renderers show them on their own lines. */
export const LONG_TEXT = 40;
export const isLongText = (v: unknown): boolean => typeof v === 'string' && v.length > LONG_TEXT;

/** A value as it reads inside a sentence. */
export function valueWords(v: unknown): LocalizedText {
  if (v === true) return t('an', 'on');
  if (v === false) return t('aus', 'off');
  if (v === undefined || v === null) return t('nichts', 'nothing');
  if (typeof v === 'string') return t(`„${v}“`, `"${v}"`);
  if (typeof v === 'number') return t(String(v), String(v));
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    return v.length === 0
      ? t('keine', 'none')
      : t(v.map((x) => `„${x}“`).join(', '), v.map((x) => `"${x}"`).join(', '));
  }
  const json = text(v);
  return t(json, json);
}

/** "Schritt `x`: Priorität von normal auf dringend geändert" and friends, for any changed value. */
export function valueChange(
  subject: LocalizedText,
  prop: LocalizedText,
  before: unknown,
  after: unknown,
): LocalizedText {
  const pre = (lang: 'de' | 'en') => (subject[lang] ? `${subject[lang]}: ` : '');
  if (typeof before === 'boolean' && typeof after === 'boolean') {
    return t(
      `${pre('de')}${prop.de} ${after ? 'eingeschaltet' : 'ausgeschaltet'}`,
      `${pre('en')}${prop.en} turned ${after ? 'on' : 'off'}`,
    );
  }
  if (before === undefined) {
    if (isLongText(after)) return t(`${pre('de')}${prop.de} hinzugefügt`, `${pre('en')}${prop.en} added`);
    const a = valueWords(after);
    return t(`${pre('de')}${prop.de} auf ${a.de} gesetzt`, `${pre('en')}${prop.en} set to ${a.en}`);
  }
  if (after === undefined) return t(`${pre('de')}${prop.de} entfernt`, `${pre('en')}${prop.en} removed`);
  if (isLongText(before) || isLongText(after))
    return t(`${pre('de')}${prop.de} geändert`, `${pre('en')}${prop.en} changed`);
  if (isStringList(before) && isStringList(after)) return listChange(subject, prop, before, after);
  const b = valueWords(before);
  const a = valueWords(after);
  return t(
    `${pre('de')}${prop.de} von ${b.de} auf ${a.de} geändert`,
    `${pre('en')}${prop.en} changed from ${b.en} to ${a.en}`,
  );
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Keyword lists read as what was added and what was removed. */
function listChange(
  subject: LocalizedText,
  prop: LocalizedText,
  before: string[],
  after: string[],
): LocalizedText {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  const de: string[] = [];
  const en: string[] = [];
  if (added.length) {
    de.push(`${valueWords(added).de} hinzugefügt`);
    en.push(`added ${valueWords(added).en}`);
  }
  if (removed.length) {
    de.push(`${valueWords(removed).de} entfernt`);
    en.push(`removed ${valueWords(removed).en}`);
  }
  if (!added.length && !removed.length) {
    de.push('Reihenfolge geändert');
    en.push('order changed');
  }
  const pre = (lang: 'de' | 'en') => (subject[lang] ? `${subject[lang]}: ` : '');
  return t(`${pre('de')}${prop.de} – ${de.join('; ')}`, `${pre('en')}${prop.en}: ${en.join('; ')}`);
}

export const nodeSubject = (names: Names, id: string): LocalizedText => {
  const n = names.node(id);
  return t(`Schritt ${n.de}`, `step ${n.en}`);
};
export const fieldSubject = (names: Names, nodeId: string, key: string): LocalizedText => {
  const [n, f] = [names.node(nodeId), names.field(nodeId, key)];
  return t(`Schritt ${n.de}, Angabe ${f.de}`, `step ${n.en}, detail ${f.en}`);
};
export const optionSubject = (names: Names, nodeId: string, id: string): LocalizedText => {
  const [n, o] = [names.node(nodeId), names.option(nodeId, id)];
  return t(`Weiche ${n.de}, Möglichkeit ${o.de}`, `branch ${n.en}, option ${o.en}`);
};
export const triggerSubject = (names: Names, id: string): LocalizedText => {
  const n = names.trigger(id);
  return t(`Stichwort-Auslöser ${n.de}`, `keyword trigger ${n.en}`);
};
export const escapeSubject = t('„Mensch, bitte“', '"human, please"');
