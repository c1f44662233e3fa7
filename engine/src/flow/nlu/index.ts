/**
 * Deterministic understanding of what callers say, German first and English. Pure and
 * browser-safe: no I/O, no clock ("now" and the time zone are arguments).
 */
export { type Lang, langOf } from './lang.js';
export { normalize } from './normalize.js';
export { understandYesNo, type YesNo } from './yesno.js';
export { isPaidServiceNumber, parsePhone, type ParsedPhone, type PhoneCountry } from './phone.js';
export { readbackPhone } from './readback.js';
export {
  parseDateTime,
  type DateTimeContext,
  type DateTimeExpectation,
  type ParsedDateTime,
} from './datetime.js';
export { inPeriod, type Period, type When } from './period.js';
export { parseName } from './name.js';
export { parseEmail } from './email.js';
export { parseNumber } from './number.js';
export { matchChoice, type ChoiceOption } from './choice.js';
export { matchKeywords } from './keywords.js';
export { isHumanRequest } from './human.js';
export { endsInDictation, endsMidSentence, type Dictation } from './unfinished.js';
export { isQuestion } from './question.js';
