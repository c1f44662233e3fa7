// Public surface of the call interpreter.
export type {
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
  RecordDraft,
  StepResult,
} from './types';
