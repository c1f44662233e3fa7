// The calls of the turns benchmark, played at real time by the Twilio caller harness: the
// doctor's office prescription scenario against the engine (recording, per turn, what the caller
// waited and which providers made the first answer audio) and the same turns against the relay;
// and the three stalls (recognizer, voice, model), recording the silences the caller heard.
import type { RelayTurn } from './relay';
import { speakingTimeMs } from '../engine/src/audio/synthetic-speech';
import { measureTurn, toEpoch, type TurnMark } from '../test/harness/latency';
import { silencesHeard } from '../test/harness/silence';
import type { TwilioCaller } from '../test/harness/twilio-caller';
import { allHeard, type PhoneServer } from '../test/protocol/phone-server';

/** One answered caller turn as the caller saw it, and what produced the first answer audio. */
export interface MeasuredTurn {
  readonly words: string;
  /** Last voiced frame sent → first answer frame received (ms). */
  readonly responseMs: number;
  readonly chain: 'cache' | 'tts' | 'llm+tts' | 'llm';
}

let seed = 1;
const speechMs = (words: string) => Math.min(2500, Math.max(500, speakingTimeMs(words)));

/** A prompt's audio arrives paced at real time; this long without a frame means it has all arrived. */
const AUDIO_DONE_MS = 400;

/**
 * Keeps the line open with silence (as Twilio does) until the caller has heard everything: no
 * more audio coming and every mark echoed (a mark only goes out behind its prompt's audio).
 */
async function hearEverything(c: TwilioCaller, atMostMs = 60_000): Promise<void> {
  const lastAudioAt = () => c.mediaFrames.at(-1)?.at ?? 0;
  await c.pause(atMostMs, () => allHeard(c) && performance.now() - lastAudioAt() > AUDIO_DONE_MS);
}

/** Speaks one turn and measures it; then listens to the whole answer. */
async function turn(env: PhoneServer, c: TwilioCaller, words: string): Promise<TurnMark> {
  env.google.say(words);
  const mark = await measureTurn(c, { speechMs: speechMs(words), seed: seed++ });
  await hearEverything(c);
  return mark;
}

/** Which providers produced the first answer audio: requests answered before it arrived. */
function chainOf(env: PhoneServer, mark: TurnMark, tts0: number, llm0: number) {
  const before = (epoch: number | undefined) => epoch !== undefined && epoch <= mark.firstAnswerAt + 1;
  const voice = env.eleven.requests.slice(tts0).find((r) => before(r.firstByteEpoch));
  const llm = env.openai.requests.slice(llm0).some((r) => before(r.respondedEpoch));
  const chain: MeasuredTurn['chain'] = llm ? (voice ? 'llm+tts' : 'llm') : voice ? 'tts' : 'cache';
  return { chain, voiceText: voice ? String(voice.body.text ?? '') : undefined };
}

/** A whole scripted call to the engine; also returns what the relay must do to answer alike. */
export async function engineCall(
  env: PhoneServer,
  to: string,
  words: readonly string[],
): Promise<{ turns: MeasuredTurn[]; plan: RelayTurn[] }> {
  const c = env.caller({ to, speed: 1 });
  await c.connect(await c.placeCall());
  await hearEverything(c);
  const turns: MeasuredTurn[] = [];
  const plan: RelayTurn[] = [];
  for (const w of words) {
    const [tts0, llm0] = [env.eleven.requests.length, env.openai.requests.length];
    const mark = await turn(env, c, w);
    const { chain, voiceText } = chainOf(env, mark, tts0, llm0);
    turns.push({ words: w, responseMs: mark.firstAnswerAt - mark.lastVoicedSentAt, chain });
    plan.push({
      text: voiceText ?? 'Vielen Dank, einen Moment.',
      llm: chain.startsWith('llm'),
      tts: !!voiceText,
    });
  }
  await c.hangup();
  return { turns, plan };
}

/** The same turns against the relay, which answers each as the engine's plan says. */
export async function relayCall(
  env: PhoneServer,
  c: TwilioCaller,
  plan: readonly RelayTurn[],
  words: readonly string[],
) {
  await c.connect(await c.placeCall());
  await hearEverything(c);
  const turns: MeasuredTurn[] = [];
  for (const [i, w] of words.entries()) {
    const mark = await turn(env, c, w);
    const p = plan[i];
    const chain: MeasuredTurn['chain'] = p.llm ? (p.tts ? 'llm+tts' : 'llm') : p.tts ? 'tts' : 'cache';
    turns.push({ words: w, responseMs: mark.firstAnswerAt - mark.lastVoicedSentAt, chain });
  }
  await c.hangup();
  return turns;
}

/** One stall scenario: what the caller heard from their last word to the resolving prompt. */
export interface StallResult {
  readonly scenario: string;
  /** Every silence heard, in order (ms): the wait for our first audio, then any gap. */
  readonly silences: number[];
  /** Of the first silence: the recognizer's own end-of-speech detection (its final's span). */
  readonly recognizerMs: number;
  /** The prompts heard from the caller's last word to the resolution, as `node/prompt`. */
  readonly heard: string[];
  /** The caller's words reached the interpreter (recognized by some stream). */
  readonly wordsKept: boolean;
}

export interface StallScenario {
  readonly scenario: string;
  /** Answered normally first. */
  readonly before: readonly string[];
  /** Arms the fault for the next stream or request: before the call, or before the stalled turn. */
  readonly armBeforeCall?: () => void;
  readonly armBeforeTurn?: () => void;
  readonly words: string;
  /** The prompt that resolves the turn (the fallback, or the next question). */
  readonly resolution: RegExp;
}

/** Measures from the caller's last word of the stalled turn until the resolving prompt's mark arrived. */
export async function stallCall(env: PhoneServer, to: string, s: StallScenario): Promise<StallResult> {
  s.armBeforeCall?.();
  const c = env.caller({ to, speed: 1 });
  await c.connect(await c.placeCall());
  await hearEverything(c);
  for (const w of s.before) await turn(env, c, w);
  s.armBeforeTurn?.();
  const finalsBefore = env.google.streams.flatMap((st) => st.finals).length;
  env.google.say(s.words);
  await c.speak(speechMs(s.words), seed++);
  const lastVoiced = c.lastSpeechSentAt;
  const resolved = c.waitFor(
    (r) => r.event === 'mark' && r.at > lastVoiced && s.resolution.test(r.name),
    30_000,
  );
  let done = false;
  const line = c.pause(30_000, () => done);
  const end = await resolved.finally(() => (done = true));
  await line;
  const heard = c.received.flatMap((r) =>
    r.event === 'mark' && r.at > lastVoiced && r.at <= end.at ? [r.name.replace(/#\d+$/, '')] : [],
  );
  const silences = silencesHeard(c.received, lastVoiced, end.at);
  const firstFrame = toEpoch(lastVoiced + (silences[0] ?? 0));
  // The recognizer's share of the first silence: its final's span, clipped to that silence.
  const spans = env.google.streams.flatMap((st) => st.finalTimings ?? []);
  const recognizerMs = Math.max(
    0,
    ...spans.map(
      (t) => Math.min(t.sentEpoch ?? 0, firstFrame) - Math.max(t.lastVoicedEpoch, toEpoch(lastVoiced)),
    ),
  );
  const wordsKept = env.google.streams
    .flatMap((st) => st.finals)
    .slice(finalsBefore)
    .includes(s.words);
  await c.hangup();
  return { scenario: s.scenario, silences, recognizerMs, heard, wordsKept };
}
