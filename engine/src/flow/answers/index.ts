export { answerFromFacts, knownFacts } from './answer';
export {
  checkGrounding,
  MAX_MODEL_ANSWER,
  quantitiesIn,
  type GroundingVerdict,
  type ModelReply,
} from './grounding';
export { hoursFacts, HOURS_FACT_IDS } from './hours-facts';
export { answerHoursQuestion, isHoursQuestion } from './hours-question';
export { factKeywords, matchFact } from './match';
export {
  modelAnswersPolicy,
  turnIsConfidential,
  type ModelAnswersPolicy,
  type ModelAnswersReason,
} from './policy';
export type { DeterministicAnswer, KnownFact } from './types';
