// Which sub-processor sees what, per stage of a call (privacy.md, "Sub-processor settings").
// Every sentence here is a promise the runtime keeps; change them together with the runtime.
import type { LocalizedText } from '../diagnostics';
import type { Flow } from '../format/schema';
import { answersStage } from './answers';
import type { RecordField, Stage } from './types';

const t = (de: string, en: string): LocalizedText => ({ de, en });
const keys = (fields: RecordField[]) => fields.map((f) => f.key);

function telephony(flow: Flow, fields: RecordField[]): Stage {
  const transfers = Object.values(flow.nodes).some((n) => n.kind === 'handoff');
  return {
    id: 'telephony',
    name: t('Telefonie', 'telephony'),
    processor: 'Twilio (Programmable Voice, Media Streams)',
    purpose: t(
      'Annahme des Anrufs und Übertragung der Sprache in Echtzeit.',
      'Answering the call and carrying the audio in real time.',
    ),
    sees: [
      t(
        'Nummer des Anrufers und die angerufene Nummer, Beginn und Dauer des Anrufs (Verbindungsdaten).',
        "The caller's number and the number called, start and length of the call (call metadata).",
      ),
      t(
        'Den Ton des gesamten Gesprächs als Datenstrom – er wird durchgeleitet, nicht aufgezeichnet.',
        'The audio of the whole call as a stream – passed through, never recorded.',
      ),
      t('Gedrückte Telefontasten.', 'Keys pressed on the phone.'),
      // The whisper is TwiML <Say>: Twilio's voice reads it, not ElevenLabs.
      ...(transfers
        ? [
            t(
              'Bei einer Weiterleitung: die Zusammenfassung für das Team (Flüsteransage) als Text, den Twilio vorliest.',
              'On a transfer: the summary for the team (whisper) as text that Twilio reads out.',
            ),
          ]
        : []),
    ],
    fields: keys(fields),
    retention: t(
      'Twilio speichert die Verbindungsdaten nach seinen eigenen Bedingungen. Aufzeichnung und Transkription sind bei Twilio nie eingeschaltet.',
      'Twilio keeps call metadata under its own terms. Recording and transcription are never enabled at Twilio.',
    ),
    safeguards: [t('Nur der eingehende Ton wird gestreamt.', 'Only the inbound audio is streamed.')],
  };
}

function speech(fields: RecordField[]): Stage {
  return {
    id: 'speech',
    name: t('Spracherkennung', 'speech recognition'),
    processor: 'Google Cloud Speech-to-Text',
    purpose: t('Umwandlung der Antworten des Anrufers in Text.', "Turning the caller's answers into text."),
    sees: [
      t(
        'Den Ton der Antworten des Anrufers, nur während ihm zugehört wird.',
        "The audio of the caller's answers, only while the assistant is listening.",
      ),
    ],
    fields: keys(fields),
    retention: t(
      'Keine Freigabe zur Datenprotokollierung (Data Logging) bei Google; der Ton wird nur zur Erkennung verarbeitet.',
      'No data-logging opt-in at Google; the audio is processed for recognition only.',
    ),
    safeguards: [
      t(
        'Ton wird nur gesendet, solange der Anrufer spricht oder gefragt ist.',
        'Audio is sent only while the caller is being listened to.',
      ),
    ],
  };
}

function understanding(flow: Flow, fields: RecordField[]): Stage {
  const name = t('Sprachverständnis', 'understanding');
  if (flow.settings.providers.understanding !== 'openai') {
    return {
      id: 'understanding',
      name,
      processor: null,
      purpose: t(
        'Nicht genutzt: Antworten werden nur auf dem eigenen Server mit festen Regeln ausgewertet.',
        'Not used: answers are understood on our own server with fixed rules only.',
      ),
      sees: [],
      fields: [],
      retention: t('Keine Weitergabe.', 'Nothing is passed on.'),
      safeguards: [],
    };
  }
  const sent = fields.filter((f) => f.toLlm);
  return {
    id: 'understanding',
    name,
    processor: 'OpenAI (API)',
    purpose: t(
      'Verstehen freier Antworten, wenn feste Regeln nicht ausreichen.',
      'Understanding free-form answers when fixed rules are not enough.',
    ),
    sees: [
      sent.length
        ? t(
            'Nur die Worte der aktuellen Antwort und die gefragten Angaben, und nur wenn feste Regeln die Antwort nicht verstehen – nie das ganze Gespräch, nie die angezeigte Rufnummer des Anrufers.',
            'Only the words of the current answer and the details being asked, and only when fixed rules do not understand the answer – never the whole call, never the caller ID.',
          )
        : t(
            'Keine Angaben dieses Ablaufs: Alle Angaben sind von der Weitergabe ausgenommen.',
            'No details of this flow: every detail is excluded from it.',
          ),
    ],
    fields: keys(sent),
    retention: t(
      'Jede Anfrage mit „store: false“; Daten aus der API werden nicht zum Training verwendet.',
      'Every request is sent with "store: false"; API data is not used for training.',
    ),
    safeguards: [
      t(
        'Das Modell füllt nur ein festes Schema aus; es wählt keine Aktionen und keine Weiterleitungsziele.',
        'The model only fills a fixed schema; it never chooses actions or transfer targets.',
      ),
    ],
  };
}

/** What the deployment sets up at the vendors (not part of a flow): where a stage's words depend on it. */
export interface VendorSettings {
  /** ELEVENLABS_ZERO_RETENTION: the plan offers zero retention and it is turned on. Unknown = off. */
  readonly elevenLabsZeroRetention?: boolean;
}

function voiceRetention(flow: Flow, vendors: VendorSettings): LocalizedText {
  if (!flow.settings.zeroPersistence)
    return t(
      'ElevenLabs verarbeitet den Text nach seinen eigenen Aufbewahrungsregeln.',
      'ElevenLabs keeps text under its own retention terms.',
    );
  return vendors.elevenLabsZeroRetention
    ? t(
        'Für diesen Ablauf ohne Speicherung geht jede Ansage, die Angaben des Anrufers enthalten kann (vorgelesene Angaben, eingesetzte Werte), mit „keine Protokollierung“ (enable_logging=false, Zero Retention) an ElevenLabs; ElevenLabs speichert diese Texte nicht. Feste Ansagen ohne Angaben des Anrufers werden ohne diese Einstellung erzeugt und zwischengespeichert.',
        'For this no-storage flow, every prompt that can contain caller data (readbacks, filled-in values) goes to ElevenLabs with no logging (enable_logging=false, zero retention); ElevenLabs does not keep these texts. Fixed prompts without caller data are synthesised without it and cached.',
      )
    : t(
        'Zero Retention ist in dieser Installation nicht eingeschaltet: ElevenLabs speichert die Texte der Ansagen – auch vorgelesene Angaben des Anrufers – nach seinen eigenen Bedingungen, obwohl dieser Ablauf selbst nichts speichert.',
        'Zero retention is not turned on in this installation: ElevenLabs keeps the texts of the prompts – caller details read back included – under its own terms, although this flow itself stores nothing.',
      );
}

function voice(flow: Flow, fields: RecordField[], spoken: Set<string>, vendors: VendorSettings): Stage {
  const seen = fields.filter((f) => f.confirm || spoken.has(f.key));
  return {
    id: 'voice',
    name: t('Sprachausgabe', 'speech synthesis'),
    processor: 'ElevenLabs (Text-to-Speech)',
    purpose: t(
      'Umwandlung der Ansagen des Assistenten in Sprache.',
      "Turning the assistant's prompts into speech.",
    ),
    sees: [
      t('Den Text der Ansagen und Fragen.', 'The text of the prompts and questions.'),
      seen.length
        ? t(
            'Werte von Angaben, die zur Bestätigung vorgelesen oder in Ansagen eingesetzt werden.',
            'Values of details that are read back for confirmation or filled into prompts.',
          )
        : t('Keine Werte von Angaben.', 'No values of details.'),
      ...(Object.values(flow.nodes).some((n) => n.kind === 'callback')
        ? [
            t(
              'Die Rückrufnummer, wenn ein Rückrufwunsch sie zur Bestätigung vorliest – auch die angezeigte Nummer des Anrufers, wenn sie angeboten wird.',
              "The callback number when a callback request reads it back for confirmation – also the caller's own number when it is offered.",
            ),
          ]
        : []),
    ],
    fields: keys(seen),
    retention: voiceRetention(flow, vendors),
    safeguards: [
      t('Vorgelesene Werte werden so kurz wie möglich gehalten.', 'Readbacks are kept as short as possible.'),
    ],
  };
}

function hosting(flow: Flow, fields: RecordField[]): Stage {
  return {
    id: 'hosting',
    name: t('Betrieb (Hosting)', 'hosting'),
    processor: 'Callflow-Server, Rechenzentrum in Deutschland',
    purpose: t(
      'Ablauf des Gesprächs, Erstellung und Zustellung der Gesprächsnotiz.',
      'Running the call flow, building and delivering the call note.',
    ),
    sees: [t('Alle Angaben des Gesprächs.', 'All details of the call.')],
    fields: keys(fields),
    retention: flow.settings.zeroPersistence
      ? t('Nur im Arbeitsspeicher; nach der Zustellung verworfen.', 'In memory only; dropped after delivery.')
      : t(
          'Verschlüsselt gespeichert, gelöscht nach der eingestellten Aufbewahrung.',
          'Stored encrypted, deleted according to the retention setting.',
        ),
    safeguards: [],
  };
}

/**
 * The e-mail provider (SMTP_URL's server) receives members' addresses and, for those who opted
 * in, the fact and time of a new call note — never anything the caller said.
 */
function mail(flow: Flow, smtpHost: string): Stage {
  return {
    id: 'mail',
    name: t('E-Mail-Versand', 'e-mail'),
    processor: `SMTP: ${smtpHost}`,
    purpose: t(
      'Einladungen, Links zum Zurücksetzen des Passworts und – für Mitglieder, die es wählen – Benachrichtigungen über neue Gesprächsnotizen.',
      'Invitations, password-reset links and – for members who choose it – notifications of new call notes.',
    ),
    sees: [
      t('E-Mail-Adressen der Mitglieder.', "Members' e-mail addresses."),
      flow.settings.zeroPersistence
        ? t(
            'Dass und wann ein Anruf kam (nur wenn jemand Benachrichtigungen für diesen Ablauf einschaltet).',
            'That and when a call came in (only if someone switches on notifications for this flow).',
          )
        : t('Dass und wann eine Gesprächsnotiz eintraf.', 'That and when a call note arrived.'),
    ],
    fields: [],
    retention: t(
      'Nach den Regeln des E-Mail-Anbieters und der Postfächer der Empfänger.',
      "Under the e-mail provider's terms and in the recipients' mailboxes.",
    ),
    safeguards: [
      t(
        'Keine Angaben aus dem Anruf in der E-Mail: kein Name, keine Nummer, kein Anliegen; der Link enthält kein Anmelde-Token.',
        'Nothing from the call in the e-mail: no name, no number, no concern; the link carries no login token.',
      ),
      t(
        'Versand nur über TLS (außer an einen Server auf demselben Rechner).',
        'Sent over TLS only (except to a server on the same machine).',
      ),
    ],
  };
}

/** The stages of a call in the order a caller's words pass through them (e-mail last, if set up). */
export function stagesOf(
  flow: Flow,
  fields: RecordField[],
  spokenKeys: Set<string>,
  vendors: VendorSettings = {},
  smtpHost?: string,
): Stage[] {
  return [
    telephony(flow, fields),
    speech(fields),
    understanding(flow, fields),
    answersStage(flow, fields),
    voice(flow, fields, spokenKeys, vendors),
    hosting(flow, fields),
    ...(smtpHost ? [mail(flow, smtpHost)] : []),
  ];
}
