// Changes to the flow settings, in the words a practice manager uses ("Aufbewahrung",
// "Sprechzeiten am Mittwoch"), with a generic sentence for anything without special wording.
import type { LocalizedText } from '../diagnostics';
import { categoryWords, retentionShort } from '../privacy/setting-words';
import type { FlowChange } from './types';
import { arr, changedLeaves, obj, pointer, sameValue, text, type Leaf } from './values';
import { propertyName, t, valueChange } from './words';

const DAYS: Record<string, LocalizedText> = {
  mon: t('Montag', 'Monday'),
  tue: t('Dienstag', 'Tuesday'),
  wed: t('Mittwoch', 'Wednesday'),
  thu: t('Donnerstag', 'Thursday'),
  fri: t('Freitag', 'Friday'),
  sat: t('Samstag', 'Saturday'),
  sun: t('Sonntag', 'Sunday'),
};

const SETTING_NAMES: Record<string, LocalizedText> = {
  zeroPersistence: t('Ohne Speicherung', 'zero persistence'),
  'record.transcript': t('Gesprächsnotiz: Verlauf', 'call note: transcript'),
  'record.callerNumber': t('Gesprächsnotiz: Nummer des Anrufers', "call note: caller's number"),
  professionalSecrecy: t('Berufsgeheimnis (§ 203 StGB)', 'professional secrecy (§ 203 StGB)'),
  'businessHours.timeZone': t('Zeitzone', 'time zone'),
  'providers.speech': t('Spracherkennung', 'speech recognition provider'),
  'providers.understanding': t('Sprachverständnis', 'understanding provider'),
  'providers.voice': t('Sprachausgabe', 'voice provider'),
  'providers.voiceId': t('Stimme', 'voice'),
  'delivery.inbox': t('Zustellung in den Posteingang', 'delivery to the inbox'),
  'delivery.webhookUrl': t('Webhook-Adresse', 'webhook address'),
  'limits.maxCallSeconds': t('höchste Gesprächsdauer in Sekunden', 'maximum call length in seconds'),
  'limits.silenceSeconds': t('Wartezeit bei Stille in Sekunden', 'silence timeout in seconds'),
  'limits.maxSilences': t('erlaubte Stillen in Folge', 'silences allowed in a row'),
};

const hoursWords = (day: unknown): LocalizedText => {
  const intervals = arr(day).map((i) => arr(i).map(text).join('–'));
  return intervals.length ? t(intervals.join(', '), intervals.join(', ')) : t('geschlossen', 'closed');
};

function change(keys: string[], before: unknown, after: unknown, message: LocalizedText): FlowChange {
  return { kind: 'setting-changed', path: pointer('settings', ...keys), before, after, message };
}

function listDelta(
  keys: string[],
  before: unknown,
  after: unknown,
  de: string,
  en: string,
  word: (v: string) => LocalizedText,
) {
  const b = arr(before).map(text);
  const a = arr(after).map(text);
  const out: FlowChange[] = [];
  for (const x of a.filter((v) => !b.includes(v))) {
    out.push(change(keys, undefined, x, t(`${de} ${word(x).de} hinzugefügt`, `${en} ${word(x).en} added`)));
  }
  for (const x of b.filter((v) => !a.includes(v))) {
    out.push(change(keys, x, undefined, t(`${de} ${word(x).de} entfernt`, `${en} ${word(x).en} removed`)));
  }
  // Same entries but not the same value (reordered, or not a list at all in a broken file).
  if (out.length === 0)
    out.push(change(keys, before, after, valueChange(t('', ''), propertyName(keys), before, after)));
  return out;
}

function leafChange({ keys, before, after }: Leaf): FlowChange[] {
  const dotted = keys.join('.');
  if (keys[0] === 'businessHours' && keys[1] === 'weekly' && keys[2]) {
    const day = DAYS[keys[2]] ?? t(keys[2], keys[2]);
    const [b, a] = [hoursWords(before), hoursWords(after)];
    return [
      change(
        keys,
        before,
        after,
        t(
          `Sprechzeiten am ${day.de} von ${b.de} auf ${a.de} geändert`,
          `opening hours on ${day.en} changed from ${b.en} to ${a.en}`,
        ),
      ),
    ];
  }
  if (dotted === 'businessHours.closedDates') {
    return listDelta(keys, before, after, 'Schließtag', 'closed date', (d) => t(d, d));
  }
  if (dotted === 'dataCategories') {
    return listDelta(keys, before, after, 'Datenkategorie', 'data category', categoryWords);
  }
  const name =
    SETTING_NAMES[dotted] ?? t(`Einstellung ${propertyName(keys).de}`, `setting ${propertyName(keys).en}`);
  return [change(keys, before, after, valueChange(t('', ''), name, before, after))];
}

export function diffSettings(beforeSettings: unknown, afterSettings: unknown): FlowChange[] {
  const before = obj(beforeSettings);
  const after = obj(afterSettings);
  const out: FlowChange[] = [];
  if (!sameValue(before.retention, after.retention)) {
    const [b, a] = [retentionShort(before.retention), retentionShort(after.retention)];
    out.push(
      change(
        ['retention'],
        before.retention,
        after.retention,
        t(`Aufbewahrung von „${b.de}“ auf „${a.de}“ geändert`, `retention changed from ${b.en} to ${a.en}`),
      ),
    );
  }
  const rest = changedLeaves({ ...before, retention: undefined }, { ...after, retention: undefined });
  return [...out, ...rest.flatMap(leafChange)];
}
