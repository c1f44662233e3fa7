// Flow settings that the schema alone cannot judge: where call notes go, opening hours that
// make sense, callback windows that are not empty.
import { error, pointer, warning, type Diagnostic } from '../../diagnostics';
import type { Rule } from './context';

export const delivery: Rule = ({ flow }) => {
  const d = flow.settings.delivery;
  if (d.webhookUrl === undefined) {
    return d.inbox
      ? []
      : [
          error(
            'delivery.no-target',
            '/settings/delivery',
            'Gesprächsnotizen werden nirgendwohin zugestellt: Weder der Posteingang noch ein Webhook ist eingestellt.',
            'Call notes are delivered nowhere: neither the inbox nor a webhook is set.',
          ),
        ];
  }
  let url: URL | undefined;
  try {
    url = new URL(d.webhookUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined) {
    return [
      error(
        'delivery.webhook-invalid',
        '/settings/delivery/webhookUrl',
        'Die Webhook-Adresse ist keine gültige Internetadresse.',
        'The webhook address is not a valid web address.',
      ),
    ];
  }
  if (url.protocol !== 'https:') {
    return [
      error(
        'delivery.webhook-not-https',
        '/settings/delivery/webhookUrl',
        'Die Webhook-Adresse muss mit https:// beginnen: Gesprächsnotizen werden nur verschlüsselt übertragen.',
        'The webhook address must start with https://: call notes are only sent encrypted.',
      ),
    ];
  }
  return [];
};

const minutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** YYYY-MM-DD that names a real day (the schema checks only the digits). Pure arithmetic, no clock. */
function isCalendarDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const businessHours: Rule = ({ flow, nodes }) => {
  const h = flow.settings.businessHours;
  const out: Diagnostic[] = [];
  if (!isTimeZone(h.timeZone)) {
    out.push(
      error(
        'hours.invalid-time-zone',
        '/settings/businessHours/timeZone',
        `„${h.timeZone}“ ist keine bekannte Zeitzone. Beispiel: Europe/Berlin.`,
        `“${h.timeZone}” is not a known time zone. Example: Europe/Berlin.`,
      ),
    );
  }
  for (const [day, intervals] of Object.entries(h.weekly)) {
    (intervals ?? []).forEach(([from, to], i) => {
      if (minutes(from) >= minutes(to)) {
        out.push(
          error(
            'hours.invalid-interval',
            pointer('settings', 'businessHours', 'weekly', day, i),
            `Sprechzeit ${from}–${to} (${day}): Der Beginn muss vor dem Ende liegen.`,
            `Opening interval ${from}–${to} (${day}): the start must be before the end.`,
          ),
        );
      }
    });
  }
  (h.closedDates ?? []).forEach((date, i) => {
    if (!isCalendarDate(date)) {
      out.push(
        error(
          'hours.invalid-date',
          pointer('settings', 'businessHours', 'closedDates', i),
          `Den geschlossenen Tag „${date}“ gibt es nicht im Kalender.`,
          `The closed date “${date}” does not exist in the calendar.`,
        ),
      );
    }
  });
  const anyOpen = Object.values(h.weekly).some((d) => (d ?? []).length > 0);
  const usesHours = Object.values(nodes).some(
    (n) => n.kind === 'hours' || (n.kind === 'handoff' && n.respectHours !== false),
  );
  if (!anyOpen && usesHours) {
    out.push(
      warning(
        'hours.always-closed',
        '/settings/businessHours/weekly',
        'Es sind keine Sprechzeiten eingetragen: Der Ablauf behandelt jeden Anruf als „außerhalb der Sprechzeiten“, Weiterleitungen klingeln nie.',
        'No opening hours are set: the flow treats every call as “outside opening hours”, and transfers never ring.',
      ),
    );
  }
  return out;
};

export const callbackWindow: Rule = ({ nodes }) =>
  Object.entries(nodes).flatMap(([id, n]) =>
    n.kind === 'callback' && n.window !== undefined && minutes(n.window.earliest) >= minutes(n.window.latest)
      ? [
          error(
            'callback.invalid-window',
            pointer('nodes', id, 'window'),
            `Im Rückrufwunsch „${id}“ liegt „frühestens“ (${n.window.earliest}) nicht vor „spätestens“ (${n.window.latest}).`,
            `In callback request “${id}”, “earliest” (${n.window.earliest}) is not before “latest” (${n.window.latest}).`,
          ),
        ]
      : [],
  );
