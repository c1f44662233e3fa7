// Every statement the processing record (engine/src/flow/privacy/stages.ts) makes about a
// sub-processor, and the test in sub-processors.test.ts that observes it on the wire — or, where
// the statement is about the vendor's side and no request can show it, why not. A statement
// without an entry fails "the table of sub-processor statements"; an entry naming a test that
// does not exist fails too. Statements are matched by the start of their English text.
import type { StageId } from '../../engine/src/flow/privacy';

export type Claim = { readonly stage: StageId; readonly statement: string } & (
  { readonly observedBy: string } | { readonly notObservable: string }
);

const TWILIO_WIRE =
  'Twilio: the answer streams the caller audio only, and no request turns on recording or transcription';
const ELEVEN_DYNAMIC =
  'ElevenLabs: every prompt that can contain caller data is sent with enable_logging=false';
const ELEVEN_FIXED =
  'ElevenLabs: fixed prompts go without it (cached for every call) and a readback holds only the detail it confirms';
const OPENAI =
  'OpenAI: store false on every request, a strict schema of the asked detail, and only the words of the current answer';

export const CLAIMS: readonly Claim[] = [
  // --- telephony: Twilio
  {
    stage: 'telephony',
    statement: "The caller's number and the number called",
    notObservable:
      'Twilio routes the call, so it has the numbers and times by nature; the voice webhook we receive carries them (From/To), see the phone tests.',
  },
  { stage: 'telephony', statement: 'The audio of the whole call as a stream', observedBy: TWILIO_WIRE },
  {
    stage: 'telephony',
    statement: 'Keys pressed on the phone.',
    notObservable: 'Twilio detects the keys and sends them to us (dtmf messages): it has them by nature.',
  },
  {
    stage: 'telephony',
    statement: 'On a transfer: the summary for the team (whisper)',
    notObservable:
      'Observed in test/protocol/phone-calls.test.ts (handoffOf): Twilio fetches the whisper TwiML with the text it reads out.',
  },
  {
    stage: 'telephony',
    statement:
      'Twilio keeps call metadata under its own terms. Recording and transcription are never enabled',
    observedBy: TWILIO_WIRE,
  },
  { stage: 'telephony', statement: 'Only the inbound audio is streamed.', observedBy: TWILIO_WIRE },
  // --- speech: Google
  {
    stage: 'speech',
    statement: "The audio of the caller's answers, only while the assistant is listening.",
    observedBy: 'Google: the caller talking over the AI notice reaches no recognizer; their answers do',
  },
  {
    stage: 'speech',
    statement: 'No data-logging opt-in at Google',
    notObservable:
      'Data logging is a setting of the Google Cloud project, not a field of the streaming request: the operator keeps it off.',
  },
  {
    stage: 'speech',
    statement: 'Audio is sent only while the caller is being listened to.',
    observedBy: 'Google: the caller talking over the AI notice reaches no recognizer; their answers do',
  },
  // --- understanding: OpenAI
  { stage: 'understanding', statement: 'Only the words of the current answer', observedBy: OPENAI },
  {
    stage: 'understanding',
    statement: 'No details of this flow: every detail is excluded from it.',
    notObservable:
      'Nothing is sent at all; test/protocol/phone-calls.test.ts checks that llm:false details never reach the fake.',
  },
  { stage: 'understanding', statement: 'Every request is sent with "store: false"', observedBy: OPENAI },
  { stage: 'understanding', statement: 'The model only fills a fixed schema', observedBy: OPENAI },
  {
    stage: 'understanding',
    statement: 'Nothing is passed on.',
    notObservable: 'Understanding is off: there is no OpenAI client, so there is no request to observe.',
  },
  // --- answers: OpenAI (observed against the OpenAI fake in the answers suites)
  {
    stage: 'answers',
    statement: "Only the words of the question and the flow's facts",
    notObservable:
      "Observed in test/protocol/phone-answers.test.ts ('sends the question turn alone with the facts, …' and 'a question at a detail the model may not read never reaches the model') and engine/src/providers/openai/answerer.test.ts (the request body).",
  },
  {
    stage: 'answers',
    statement: 'Every request is sent with "store: false"',
    notObservable:
      "Observed in engine/src/providers/openai/answerer.test.ts ('sends the question turn and the facts only, with store: false and a strict schema').",
  },
  {
    stage: 'answers',
    statement: 'An answer is spoken only when it cites a known fact',
    notObservable:
      'About what we do with the reply, not what the vendor receives: engine/src/providers/openai/answerer.test.ts (no fact, unknown fact, a number not in the facts, too long) and test/protocol/phone-answers.test.ts.',
  },
  {
    stage: 'answers',
    statement: 'No medical or legal advice; the model never chooses actions',
    notObservable:
      'The reply schema holds only fact ids and a sentence (engine/src/providers/openai/answer-prompt.ts); the interpreter never takes an action from it (engine/src/flow/interpreter/questions.test.ts).',
  },
  {
    stage: 'answers',
    statement: 'Nothing is passed on.',
    notObservable:
      'The model may not answer in this flow: no answer request is made (engine/src/flow/interpreter/questions.test.ts, "off under professional secrecy …").',
  },
  // --- voice: ElevenLabs
  { stage: 'voice', statement: 'The text of the prompts and questions.', observedBy: ELEVEN_FIXED },
  {
    stage: 'voice',
    statement: 'Values of details that are read back for confirmation or filled into prompts.',
    observedBy: ELEVEN_DYNAMIC,
  },
  { stage: 'voice', statement: 'No values of details.', observedBy: ELEVEN_FIXED },
  {
    stage: 'voice',
    statement: 'The callback number when a callback request reads it back for confirmation',
    notObservable:
      "Not yet on the wire in this suite: the callback step's readback takes the same path as the intake readbacks (a prompt without cacheKey carries enable_logging=false), observed by '" +
      "ElevenLabs: every prompt that can contain caller data is sent with enable_logging=false'; a callback call here is still to be added.",
  },
  {
    stage: 'voice',
    statement: 'ElevenLabs keeps text under its own retention terms.',
    observedBy:
      'ElevenLabs: no request asks for zero retention, as the record says (the vendor keeps text under its own terms)',
  },
  {
    stage: 'voice',
    statement: 'Zero retention is not turned on in this installation',
    observedBy:
      'ElevenLabs: a zero-persistence call asks for nothing it was not given, and the record and the designer say ElevenLabs keeps the texts',
  },
  {
    stage: 'voice',
    statement: 'For this no-storage flow, every prompt that can contain caller data',
    observedBy: ELEVEN_DYNAMIC,
  },
  { stage: 'voice', statement: 'Readbacks are kept as short as possible.', observedBy: ELEVEN_FIXED },
];

export function claimFor(stage: StageId, statement: string): Claim | undefined {
  return CLAIMS.find((c) => c.stage === stage && statement.startsWith(c.statement));
}
