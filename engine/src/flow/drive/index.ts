// Public surface of the text driver (README.md: "Driving step()").
export { beginTextCall, sendTurn, type HeardLine, type TextCall, type TurnOptions } from './text-call';
export { eventsOfTurn, transcriptLine, turnOfEvent } from './turns';
export {
  NO_MODEL,
  withoutModel,
  type AnswerAction,
  type ExtractAction,
  type ModelRequest,
} from './without-model';
