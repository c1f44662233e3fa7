// Public surface of the call interpreter.
export { start, step, MAX_TURNS } from './step';
export { isOpen, localTime } from '../call/hours';
export { hintsFor } from './hints';
export { fillerPrompt, staticPrompts, type StaticPrompt } from './static-prompts';
export { judgeAnswer } from './answer-verdict';
export type {
  AnswerVerdict,
  CallAction,
  CallActionType,
  CallContext,
  CallEvent,
  CallEventType,
  CallState,
  EpochMs,
  ExtractField,
  HandoffResult,
  ListenExpect,
  PendingValue,
  Phase,
  ProviderFaultStage,
  RecordDraft,
  StepResult,
} from '../call/types';
