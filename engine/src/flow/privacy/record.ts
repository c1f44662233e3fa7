// Builds the processing record of a flow. Pure: the same flow always gives the same record.
import type { LocalizedText } from '../diagnostics';
import type { Flow } from '../format/schema';
import { placeholderKeys } from '../format/placeholders';
import { specOf } from '../nodes';
import { spokenTexts } from '../format/spoken-texts';
import { answersSummary, OPEN_QUESTIONS_NOTE } from './answers';
import { asFlow } from './draft';
import { nodeOrder } from './order';
import { categoryWords, retentionLong, retentionShort } from './setting-words';
import { stagesOf, type VendorSettings } from './stages';
import type { ProcessingRecord, RecordField } from './types';
import { VOLATILE_INBOX } from './volatile-inbox';

const t = (de: string, en: string): LocalizedText => ({ de, en });

const TYPE_WORDS: Record<string, LocalizedText> = {
  text: t('Freitext', 'free text'),
  name: t('Name', 'name'),
  phone: t('Telefonnummer', 'phone number'),
  email: t('E-Mail-Adresse', 'email address'),
  date: t('Datum', 'date'),
  time: t('Uhrzeit', 'time'),
  datetime: t('Datum und Uhrzeit', 'date and time'),
  number: t('Zahl', 'number'),
  choice: t('Auswahl', 'choice'),
  yesno: t('Ja/Nein', 'yes/no'),
};

function fieldsOf(flow: Flow): RecordField[] {
  const llmUsed = flow.settings.providers.understanding === 'openai';
  return nodeOrder(flow).flatMap((nodeId) => {
    const node = flow.nodes[nodeId];
    return (specOf(node)?.collects(node) ?? []).map((f) => ({
      nodeId,
      key: f.key,
      label: f.label,
      type: f.type,
      typeWords: TYPE_WORDS[f.type] ?? t(f.type, f.type),
      ...(f.role ? { role: f.role } : {}),
      required: f.required !== false,
      sensitive: f.sensitive === true,
      confirm: f.confirm === true,
      toLlm: llmUsed && f.llm !== false,
    }));
  });
}

/**
 * Keys of details whose values are spoken: `{key}` placeholders, and — for a transfer without its
 * own whisper — the caller's name and concern, which the default whisper to staff reads out.
 */
function spokenKeys(flow: Flow, fields: RecordField[]): Set<string> {
  const found = new Set<string>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    for (const { text } of spokenTexts(id, node)) for (const key of placeholderKeys(text)) found.add(key);
    if (node.kind === 'handoff' && node.whisper === undefined) {
      for (const f of fields) if (f.role === 'callerName' || f.role === 'concern') found.add(f.key);
    }
  }
  return found;
}

function callNote(flow: Flow, fields: RecordField[]): LocalizedText[] {
  const items = [
    t(`Die erhobenen Angaben (${fields.length}).`, `The collected details (${fields.length}).`),
    t(
      'Einwilligung, Markierungen von Stichwort-Auslösern, Priorität, Rückrufwunsch und Ausgang des Gesprächs.',
      'Consent, keyword-trigger flags, priority, callback request and the outcome of the call.',
    ),
  ];
  items.push(OPEN_QUESTIONS_NOTE);
  if (flow.settings.record.callerNumber)
    items.push(t('Die Nummer des Anrufers (Rufnummernanzeige).', "The caller's number (caller ID)."));
  if (flow.settings.record.transcript)
    items.push(
      t('Der Gesprächsverlauf als Text (Wortlaut jeder Runde).', 'The turn-by-turn transcript as text.'),
    );
  return items;
}

const NEVER_STORED: LocalizedText[] = [
  t(
    'Tonaufnahmen: Das Gespräch wird nie aufgezeichnet, kein Ton wird gespeichert.',
    'Audio: the call is never recorded, no audio is ever stored.',
  ),
  t(
    'Inhalte in Protokollen: Protokolle enthalten nur Vorgangsnummern und Erfolgs- oder Fehlerkennzeichen.',
    'Content in logs: logs hold only transaction ids and success or error codes.',
  ),
];

function measures(flow: Flow): LocalizedText[] {
  const list = [
    t(
      'Verschlüsselung bei der Übertragung (TLS) auf allen Verbindungen.',
      'Encryption in transit (TLS) on every connection.',
    ),
    t(
      'Protokolle nach Positivliste: keine Inhalte von Anrufern, nur Vorgangsnummer und Ergebnis.',
      'Logs by allow-list: no caller content, only transaction id and outcome.',
    ),
    t('Zugriff nach Rollen und nur, soweit nötig (Need-to-know).', 'Role-based, need-to-know access.'),
  ];
  if (flow.settings.zeroPersistence) {
    list.unshift(
      t(
        'Ohne Speicherung: keine Datenbankzeile, keine Datei, keine Sitzungsdaten; Zustellung aus dem Arbeitsspeicher.',
        'No storage: no database row, no file, no session data; delivery from memory.',
      ),
    );
    return list;
  }
  return [
    t(
      'Umschlagverschlüsselung im Ruhezustand: eigener Schlüssel je Gesprächsnotiz (AES-256-GCM), geschützt durch einen Schlüssel je Organisation.',
      'Envelope encryption at rest: a key per call note (AES-256-GCM), wrapped by a key per organisation.',
    ),
    t(
      'Crypto-Shredding: Beim Löschen wird der Schlüssel vernichtet; auch alte Sicherungen sind danach unlesbar.',
      'Crypto-shredding: deleting destroys the key, so old backups become unreadable too.',
    ),
    t(
      'Löschnachweise mit Vorgangsnummer und Zeitpunkt, verkettet und ohne personenbezogene Inhalte.',
      'Deletion receipts with transaction id and time, hash-chained and free of personal content.',
    ),
    t(
      'Suche für Betroffenenanfragen über pseudonymisierte Rufnummern (HMAC), nicht im Klartext.',
      'Data-subject requests find records through pseudonymised numbers (HMAC), never in clear.',
    ),
    ...list,
  ];
}

function delivery(flow: Flow): ProcessingRecord['delivery'] {
  const { inbox, webhookUrl } = flow.settings.delivery;
  let webhookHost: string | undefined;
  if (webhookUrl) {
    try {
      webhookHost = new URL(webhookUrl).host;
    } catch {
      webhookHost = webhookUrl;
    }
  }
  const details: LocalizedText[] = [];
  if (inbox)
    details.push(
      flow.settings.zeroPersistence
        ? VOLATILE_INBOX
        : t(
            'Posteingang in Callflow, sichtbar nur für berechtigte Rollen der Organisation.',
            'Callflow inbox, visible only to authorised roles of the organisation.',
          ),
    );
  if (webhookHost)
    details.push(
      t(
        `Signierter Webhook an das System der Organisation (${webhookHost}).`,
        `Signed webhook to the organisation's system (${webhookHost}).`,
      ),
    );
  return { inbox, ...(webhookHost ? { webhookHost } : {}), details };
}

/**
 * The processing record of a flow. Also accepts an invalid draft (missing parts count as absent).
 * `vendors`: what the deployment turned on at the vendors; unknown (CLI, offline designer) = off,
 * so the record never promises more than the server does. `smtpHost`: the server sends e-mail
 * (SMTP_URL) — its provider is a recipient too.
 */
export function buildProcessingRecord(
  input: Flow,
  options: { contentHash?: string; vendors?: VendorSettings; smtpHost?: string } = {},
): ProcessingRecord {
  const flow = asFlow(input);
  const fields = fieldsOf(flow);
  const { retention, zeroPersistence } = flow.settings;
  return {
    flow: {
      id: flow.id,
      name: flow.name,
      language: flow.language,
      ...(options.contentHash ? { contentHash: options.contentHash } : {}),
    },
    fields,
    dataCategories: flow.settings.dataCategories.map((code) => ({ code, words: categoryWords(code) })),
    professionalSecrecy: flow.settings.professionalSecrecy === true,
    zeroPersistence,
    retention: {
      mode: retention.mode,
      ...(retention.mode === 'ttl' ? { days: retention.days } : {}),
      short: zeroPersistence
        ? t('ohne Speicherung (nur Arbeitsspeicher)', 'no storage (memory only)')
        : retentionShort(retention),
      details: retentionLong(retention, zeroPersistence),
    },
    callNote: callNote(flow, fields),
    neverStored: NEVER_STORED,
    triggers: flow.triggers.map(({ id, label, keywords, flag, priority }) => ({
      id,
      label,
      keywords,
      ...(flag ? { flag } : {}),
      ...(priority ? { priority } : {}),
    })),
    answers: answersSummary(flow),
    delivery: delivery(flow),
    stages: stagesOf(flow, fields, spokenKeys(flow, fields), options.vendors, options.smtpHost),
    measures: measures(flow),
  };
}
