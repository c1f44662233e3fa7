// The interpreter's contract with the world: what comes in (CallEvent), what goes out
// (CallAction), and the plain-JSON state in between. Everything with I/O (Twilio, the
// server's /simulate, the designer's test chat, conversation tests) executes actions and
// feeds events back; the interpreter itself never reads a clock.
//
// Time: every event carries `at` = epoch milliseconds (a number, UTC). The call context
// carries `startedAt` in the same unit. Records carry ISO strings derived from these numbers.
import type { FieldType } from '../format/schema';
import type {
  CallRecord,
  ConsentOutcome,
  FieldValue,
  HandoffOutcome,
  Priority,
  TranscriptTurn,
} from '../record/schema';

/** Epoch milliseconds (UTC). */
export type EpochMs = number;

export interface CallContext {
  /** Transaction id of the call (Vorgangsnummer). */
  txId: string;
  startedAt: EpochMs;
  /** Caller ID in E.164, when the telephony knows it. */
  callerNumber?: string;
  channel: 'phone' | 'test';
  /** A test call (designer, conversation tests, simulate). Marks the record. Defaults to channel === 'test'. */
  test?: boolean;
}

// ---- events -------------------------------------------------------------------------------

export type HandoffResult = 'answered' | 'no-answer' | 'busy' | 'failed';

export type CallEvent =
  /** Speech recognised. Non-final (interim) results are ignored by the interpreter. */
  | { type: 'utterance'; at: EpochMs; text: string; confidence?: number; final?: boolean }
  | { type: 'dtmf'; at: EpochMs; digit: string }
  /** The `listen` timeout passed without speech. */
  | { type: 'silence'; at: EpochMs }
  /** A `say` finished playing (informational; the interpreter does not wait for it). */
  | { type: 'played'; at: EpochMs; promptId: string }
  /** Answer to an `extract` action: the values (by field key, null = not found) or an error. */
  | { type: 'extracted'; at: EpochMs; requestId: string; values?: Record<string, unknown>; error?: string }
  /**
   * Answer to an `answer` action: the ids of the facts the model used and its short spoken answer,
   * or an error. The interpreter speaks it only when it is grounded in the cited facts.
   */
  | { type: 'answered'; at: EpochMs; requestId: string; factIds?: string[]; text?: string; error?: string }
  | { type: 'handoff.result'; at: EpochMs; outcome: HandoffResult }
  /** The caller hung up. */
  | { type: 'hangup'; at: EpochMs }
  /** A timer started with `timer.start` fired. */
  | { type: 'timer'; at: EpochMs; id: string }
  /**
   * A voice provider gave up for the rest of the call: `tts` = nothing new can be synthesized
   * (cached prompts still play), `stt` = the caller can no longer be understood (after the
   * runtime's own restart). The interpreter apologises and hands over, or ends politely.
   */
  | { type: 'provider.fault'; at: EpochMs; stage: ProviderFaultStage };

/** Which voice provider failed for good. */
export type ProviderFaultStage = 'tts' | 'stt';

export type CallEventType = CallEvent['type'];

// ---- actions ------------------------------------------------------------------------------

/** What the next caller turn is expected to be; speech recognition can bias towards it. */
export type ListenExpect = Exclude<FieldType, 'text'> | 'free';

export interface ExtractField {
  key: string;
  type: FieldType;
  label: string;
  /** For choice fields: the allowed values. */
  choices?: string[];
}

/**
 * Actions are executed in order. `say` queues audio; `listen` starts listening once the queued
 * audio has played (the timeout counts from then); `transfer` and `hangup` happen after the
 * queued audio has played, so the caller hears the announcement or goodbye first.
 */
export type CallAction =
  | {
      type: 'say';
      /** Unique within the call: `<nodeId>/<prompt>#<n>`. Echoed back by `played`. */
      promptId: string;
      text: string;
      /** May caller speech interrupt this prompt? Never for the AI disclosure. */
      bargeIn: boolean;
      /** Set only for static prompts (no caller data): TTS audio may be cached under this key. */
      cacheKey?: string;
      /** An answer to a caller's question: the facts it cites, [] when nothing answered it (test chat, analytics). */
      factIds?: string[];
    }
  | {
      type: 'listen';
      expect: ListenExpect;
      /** Phrase hints for speech recognition: choices, keywords, trigger and human-escape words. */
      hints: string[];
      timeoutMs: number;
    }
  | {
      type: 'extract';
      requestId: string;
      fields: ExtractField[];
      /** Only the caller's words of this turn — never the whole call, never the caller's number. */
      text: string;
      /** BCP 47, the flow's language. */
      language: string;
    }
  | {
      /**
       * Ask the language model to answer a caller's question from the facts alone. Sent only after
       * consent, when the flow allows it and the turn was not taken at a confidential detail.
       */
      type: 'answer';
      requestId: string;
      /** Only the words of the question turn — never earlier turns, never the caller's number. */
      question: string;
      /** Everything the model may say: the tenant's facts and those derived from the settings. */
      facts: { id: string; topic: string; answer: string }[];
      /** BCP 47, the flow's language. */
      language: string;
    }
  | {
      type: 'transfer';
      /** Id of a target in the organisation's allow-list (from the flow, never from caller speech). */
      target: string;
      /** Summary spoken to the staff member before connecting. */
      whisper: string;
      ringSeconds: number;
    }
  | { type: 'timer.start'; id: string; ms: number }
  | { type: 'timer.cancel'; id: string }
  | { type: 'hangup' }
  | { type: 'deliver'; record: CallRecord };

export type CallActionType = CallAction['type'];

// ---- end of turn --------------------------------------------------------------------------

/**
 * What a final speech result means for the step waiting for it (answer-verdict.ts):
 * `complete` — it answers what the step expects (or cannot be improved by waiting): act at once;
 * `partial` — the caller stopped mid-answer ("am …", "null eins sieben …"): worth a moment for more;
 * `unclear` — not understood, but nothing suggests more is coming: waiting would not help either.
 */
export type AnswerVerdict = 'complete' | 'partial' | 'unclear';

// ---- state --------------------------------------------------------------------------------

/** What the current node is doing. Which phases a node uses is up to the node. */
export type Phase =
  | 'ask' // waiting for an answer to a question
  | 'confirm' // waiting for yes/no after a readback
  | 'extract' // waiting for an `extracted` event
  | 'answer' // waiting for an `answered` event (a caller's question went to the model)
  | 'time' // callback: waiting for the preferred time
  | 'transfer' // handoff: waiting for `handoff.result`
  | 'done'; // the call is over

/** A value understood but not yet confirmed by the caller. */
export interface PendingValue {
  value: string | number | boolean;
  source: FieldValue['source'];
  /** How it was read back, to repeat the readback after silence. */
  readback: string;
}

/** The record while the call runs; finished into a CallRecord when it ends. */
export interface RecordDraft {
  consent: ConsentOutcome;
  fields: Record<string, FieldValue>;
  missingFields: string[];
  concern?: string;
  callback?: { number?: string; preferredTime?: string; preferredTimeText?: string; priority: Priority };
  flags: string[];
  priority: Priority;
  handoff?: { target: string; outcome: HandoffOutcome };
  transcript?: TranscriptTurn[];
  /** Questions nothing could answer, for the team: caller words, treated like sensitive details. */
  questions?: string[];
}

/** A caller's question waiting for the model; the step resumes in `resume` afterwards. */
export interface PendingQuestion {
  requestId: string;
  resume: Phase;
  /** The question, kept in RAM only until answered: noted for the team if the model cannot answer. */
  text: string;
}

/** Plain JSON: serialisable, structuredClone-safe, snapshot-testable. step() never mutates its input. */
export interface CallState {
  v: 1;
  txId: string;
  startedAt: EpochMs;
  /** `at` of the last event handled. */
  lastAt: EpochMs;
  test: boolean;
  /** Kept for caller-ID confirmation of callback numbers; in the record only if the flow says so. */
  callerNumber?: string;
  node: string;
  phase: Phase;
  /** Intake: index of the field being asked. */
  field: number;
  /** Failed attempts at the current question. */
  attempts: number;
  pending?: PendingValue;
  /** Per answer to a caller's question, the fact that answered it (counts for the analytics only). */
  answeredFacts?: string[];
  /** Questions nothing could answer (counts for the analytics only; the words are in the record). */
  unansweredQuestions?: number;
  /** A question sent to the model (phase `answer`). */
  asked?: PendingQuestion;
  /** The `extract` request we are waiting for. */
  requestId?: string;
  /** Counter for prompt and request ids. */
  seq: number;
  /** Consecutive silences. */
  silences: number;
  /** Events handled; a hard bound against endless calls with a frozen clock. */
  turns: number;
  /** Node ids in the order they were entered. */
  path: string[];
  /** Trigger ids that already fired (each fires once). */
  fired: string[];
  record: RecordDraft;
  /** After the call is over every event is a no-op. */
  terminal: boolean;
  outcome?: CallRecord['outcome'];
  /** A voice provider failed for good (first fault wins): the call only heads for a human or the end. */
  fault?: ProviderFaultStage;
}

export interface StepResult {
  state: CallState;
  actions: CallAction[];
}
