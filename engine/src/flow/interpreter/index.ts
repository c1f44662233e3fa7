// Public surface of the call interpreter.
export { start, step, MAX_TURNS } from './step';
export { isOpen, localTime } from './hours';
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
