// Answers to callers' questions in the processing record: which facts the business wrote, whether
// the model (OpenAI, "answer generation") may answer and why, what it is sent — and that open
// questions are kept like the other details. Every sentence is a promise the runtime keeps
// (../interpreter/questions.ts, ../answers/policy.ts): change them together.
import { modelAnswersPolicy, type ModelAnswersReason } from '../answers/policy';
import type { LocalizedText } from '../diagnostics';
import type { Flow } from '../format/schema';
import type { RecordField, Stage } from './types';

const t = (de: string, en: string): LocalizedText => ({ de, en });

const REASONS: Record<ModelAnswersReason, LocalizedText> = {
  'understanding-none': t(
    'Kein Sprachmodell eingestellt: Fragen werden nur aus dem Wissen und den Öffnungszeiten beantwortet.',
    'No language model is configured: questions are answered from the facts and the opening hours only.',
  ),
  'switched-off': t(
    'Ausgeschaltet: Fragen werden nur aus dem Wissen und den Öffnungszeiten beantwortet.',
    'Switched off: questions are answered from the facts and the opening hours only.',
  ),
  'confidential-default': t(
    'Aus, weil der Ablauf der Schweigepflicht unterliegt oder besondere Kategorien von Daten erhebt: Fragen werden nur aus dem Wissen und den Öffnungszeiten beantwortet.',
    'Off because the flow is under professional secrecy or collects special categories of data: questions are answered from the facts and the opening hours only.',
  ),
  'switched-on': t('Eingeschaltet.', 'Switched on.'),
  default: t('Eingeschaltet (Standard für diesen Ablauf).', 'On (the default for this flow).'),
};

export interface AnswersSummary {
  /** The facts the business wrote; the opening hours are derived from the settings on top. */
  facts: { id: string; topic: string; keywords: string[] }[];
  model: { allowed: boolean; reason: LocalizedText };
}

export function answersSummary(flow: Flow): AnswersSummary {
  const policy = modelAnswersPolicy(flow);
  return {
    facts: (flow.facts ?? []).map((f) => ({ id: f.id, topic: f.topic, keywords: [...(f.keywords ?? [])] })),
    model: { allowed: policy.allowed, reason: REASONS[policy.reason] },
  };
}

/** The sub-processor stage „Antworten auf Fragen" (answer generation). */
export function answersStage(flow: Flow, fields: RecordField[]): Stage {
  const name = t('Antworten auf Fragen', 'answer generation');
  const policy = modelAnswersPolicy(flow);
  if (!policy.allowed) {
    return {
      id: 'answers',
      name,
      processor: null,
      purpose: REASONS[policy.reason],
      sees: [],
      fields: [],
      retention: t('Keine Weitergabe.', 'Nothing is passed on.'),
      safeguards: [],
    };
  }
  // A question asked at a detail the model may not read is never sent: those details are excluded.
  const readable = fields.filter((f) => !f.sensitive && f.toLlm);
  return {
    id: 'answers',
    name,
    processor: 'OpenAI (API)',
    purpose: t(
      'Beantworten von Fragen des Anrufers, die das Wissen nicht eindeutig beantwortet – nur aus dem Wissen des Unternehmens.',
      "Answering the caller's questions the facts do not answer by their keywords – from the business's facts only.",
    ),
    sees: [
      t(
        'Nur die Worte der Frage und das Wissen des Ablaufs (mit den Öffnungszeiten) – nie frühere Runden, nie die Rufnummer des Anrufers, nie eine Frage vor der Einwilligung oder bei einer vertraulichen Angabe.',
        "Only the words of the question and the flow's facts (with the opening hours) – never earlier turns, never the caller's number, never a question before consent or at a confidential detail.",
      ),
    ],
    fields: readable.map((f) => f.key),
    retention: t(
      'Jede Anfrage mit „store: false“; Daten aus der API werden nicht zum Training verwendet.',
      'Every request is sent with "store: false"; API data is not used for training.',
    ),
    safeguards: [
      t(
        'Eine Antwort wird nur gesprochen, wenn sie sich auf einen bekannten Eintrag beruft und jede Zahl, Uhrzeit und jedes Datum darin aus diesen Einträgen stammt; sonst „Das kann ich Ihnen leider nicht sicher beantworten“.',
        'An answer is spoken only when it cites a known fact and every number, time and date in it comes from the cited facts; otherwise "I\'m afraid I can\'t answer that for certain".',
      ),
      t(
        'Keine medizinische oder rechtliche Beratung; das Modell wählt keine Aktionen, Schritte oder Weiterleitungsziele.',
        'No medical or legal advice; the model never chooses actions, steps or transfer targets.',
      ),
    ],
  };
}

/** The call note's line about open questions. */
export const OPEN_QUESTIONS_NOTE = t(
  'Fragen des Anrufers, die nicht beantwortet werden konnten, im Wortlaut – vertraulich wie die übrigen Angaben.',
  "The caller's questions that could not be answered, in their words – as confidential as the details.",
);
