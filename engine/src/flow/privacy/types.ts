// The processing record ("Verarbeitungsübersicht"): what a flow processes, where and for how
// long, for the organisation's GDPR documentation (R10, R13). A pure function of the flow, so
// the CLI, `GET /api/flows/:id/privacy` and the designer's privacy sheet all say the same.
import type { LocalizedText } from '../diagnostics';
import type { AnswersSummary } from './answers';

export type StageId = 'telephony' | 'speech' | 'understanding' | 'answers' | 'voice' | 'hosting' | 'mail';

export interface RecordField {
  nodeId: string;
  key: string;
  label: string;
  type: string;
  typeWords: LocalizedText;
  role?: string;
  required: boolean;
  sensitive: boolean;
  /** Read back to the caller for confirmation (so its value is part of speech synthesis text). */
  confirm: boolean;
  /** The words of the answer go to the understanding provider (LLM). */
  toLlm: boolean;
}

export interface Stage {
  id: StageId;
  /** "Telefonie" / "telephony". */
  name: LocalizedText;
  /** Company and service, e.g. "Twilio (Programmable Voice, Media Streams)". `null` when the stage is not used. */
  processor: string | null;
  purpose: LocalizedText;
  /** What this stage sees, in sentences. */
  sees: LocalizedText[];
  /** Keys of the collected details this stage sees in any form (audio or text). */
  fields: string[];
  /** What the processor keeps and the settings we use to minimise it. */
  retention: LocalizedText;
  safeguards: LocalizedText[];
}

export interface ProcessingRecord {
  flow: { id: string; name: string; language: string; contentHash?: string };
  fields: RecordField[];
  dataCategories: { code: string; words: LocalizedText }[];
  professionalSecrecy: boolean;
  zeroPersistence: boolean;
  retention: { mode: string; days?: number; short: LocalizedText; details: LocalizedText };
  /** What the call note (the delivered result) contains. */
  callNote: LocalizedText[];
  /** What is never kept, in any mode. */
  neverStored: LocalizedText[];
  triggers: { id: string; label: string; keywords: string[]; flag?: string; priority?: string }[];
  /** Answers to callers' questions: the facts, and whether the model may answer (and why). */
  answers: AnswersSummary;
  delivery: { inbox: boolean; webhookHost?: string; details: LocalizedText[] };
  stages: Stage[];
  measures: LocalizedText[];
}
