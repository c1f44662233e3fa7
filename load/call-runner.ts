// One scripted phone call through the real server, as Twilio and a person would make it: the
// signed webhook, the media socket, a continuous 20 ms inbound stream (silence between words,
// like Twilio), each scripted turn spoken once the previous prompt has been played, and the
// server ending the call after the goodbye. Frames are analysed as they arrive and dropped
// (a 60 s call would otherwise keep ~3,000 frames per caller).
import { TwilioCaller } from '../test/harness/twilio-caller';
import { Histogram, type HistogramData } from './histogram';
import type { CallScript } from './scripts';

export interface CallTarget {
  readonly serverUrl: string;
  readonly publicBaseUrl: string;
  readonly authToken: string;
  readonly accountSid: string;
  readonly number: string;
}

/** Raw timing of one turn on the caller's clock (performance.now, ms). */
export interface TurnTiming {
  /** Our last voiced frame went out. */
  readonly speechEndAt: number;
  /** The first frame of the answer arrived. */
  readonly answerAt: number;
}

export interface CallResult {
  readonly flowId: string;
  readonly ok: boolean;
  /** Closed set of codes (no caller content): webhook_status, connect_failed, no_greeting, no_answer, not_ended. */
  readonly error?: string;
  readonly turns: readonly TurnTiming[];
  /** From our `start` to the first greeting frame. */
  readonly greetingMs?: number;
  readonly frames: number;
  /** Frames that arrived after the caller's playout buffer had run dry inside a prompt (audible gaps). */
  readonly lateFrames: number;
  /**
   * How much the line's buffered audio changed from one arrival to the next in steady playback,
   * beyond what playback used up: |inter-arrival − 20 ms| for frames sent one at a time, and the
   * same measure for frames sent in bursts (the engine sends Twilio 100 ms at once).
   */
  readonly jitter: HistogramData;
  /** `clear` messages received: the engine heard us during a prompt (barge-in; none is scripted). */
  readonly clears: number;
  readonly durationMs: number;
}

const FRAME_MS = 20;
/** The server paces ~200 ms ahead: the first frames of a prompt arrive as a burst. */
const LEAD_FRAMES = 10;
/** Frames read within this of each other arrived together (one burst, one socket read). */
const SAME_ARRIVAL_MS = 2;
/** A prompt counts as finished after this much quiet (a pause between two prompts is shorter). */
const QUIET_MS = 700;
export const TURN_TIMEOUT_MS = 45_000;

export class FrameAnalyser {
  frames = 0;
  late = 0;
  readonly jitter = new Histogram();
  firstMediaAt = 0;
  lastMediaAt = 0;
  private playoutEnd = 0;
  private inPrompt = 0;
  /** Audio buffered (ms; negative: the line ran dry) when the last arrival came. */
  private lastLevel = 0;
  /** The last arrival came after the prompt's first lead: the next one is compared with it. */
  private steady = false;
  private cursor = 0;
  marks = 0;
  clears = 0;
  /** The first frame after `watchFrom` (the answer to a turn). */
  private watchFrom = Number.POSITIVE_INFINITY;
  firstAnswerAt = Number.NaN;

  watch(from: number): void {
    this.watchFrom = from;
    this.firstAnswerAt = Number.NaN;
  }

  /** Consumes everything the caller received since the last call, then drops it. */
  drain(caller: TwilioCaller): void {
    const rx = caller.received;
    for (; this.cursor < rx.length; this.cursor++) {
      const r = rx[this.cursor];
      if (r.event === 'mark') {
        this.marks++;
        this.inPrompt = 0; // the next frame starts a new prompt
      } else if (r.event === 'media') this.onFrame(r.at);
      else if (r.event === 'clear') this.clears++;
    }
    rx.length = 0;
    this.cursor = 0;
  }

  private onFrame(at: number): void {
    this.frames++;
    if (this.firstMediaAt === 0) this.firstMediaAt = at;
    if (at > this.watchFrom && Number.isNaN(this.firstAnswerAt)) this.firstAnswerAt = at;
    if (this.inPrompt > 0 && at > this.playoutEnd + 1) this.late++;
    if (this.inPrompt === 0 || at - this.lastMediaAt > SAME_ARRIVAL_MS) {
      const level = this.playoutEnd - at;
      if (this.inPrompt > 0 && this.steady) this.jitter.add(Math.abs(level - this.lastLevel));
      this.lastLevel = level;
      this.steady = this.inPrompt >= LEAD_FRAMES;
    }
    this.inPrompt++;
    this.playoutEnd = Math.max(this.playoutEnd, at) + FRAME_MS;
    this.lastMediaAt = at;
  }
}

class CallFailure extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Keeps the line busy with silence until `done()` or the timeout (then fails with `code`). */
async function silenceUntil(
  caller: TwilioCaller,
  analyser: FrameAnalyser,
  done: () => boolean,
  timeoutMs: number,
  code: string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    analyser.drain(caller);
    if (done()) return;
    if (!caller.open) throw new CallFailure('closed_early');
    if (performance.now() > deadline) throw new CallFailure(code);
    await caller.pause(100);
  }
}

/** The prompt after `since` has played: media arrived, every mark was echoed, then quiet. */
function promptPlayed(caller: TwilioCaller, a: FrameAnalyser, since: number): () => boolean {
  return () =>
    a.lastMediaAt > since &&
    a.marks > 0 &&
    caller.echoedMarks.length >= a.marks &&
    performance.now() - a.lastMediaAt > QUIET_MS;
}

export async function runCall(
  target: CallTarget,
  script: CallScript,
  opts: { turnTimeoutMs?: number; trace?: (line: string) => void } = {},
): Promise<CallResult> {
  const started = performance.now();
  const caller = new TwilioCaller({
    serverUrl: target.serverUrl,
    publicBaseUrl: target.publicBaseUrl,
    authToken: target.authToken,
    accountSid: target.accountSid,
    to: target.number,
    speed: 1,
  });
  const analyser = new FrameAnalyser();
  const turns: TurnTiming[] = [];
  // A bound, not a goal: the longest prompts (greeting with the AI notice) play for ~20 s.
  const timeout = opts.turnTimeoutMs ?? TURN_TIMEOUT_MS;
  let error: string | undefined;
  let connectedAt = 0;
  try {
    const answer = await caller.placeCall().catch(() => undefined);
    if (answer?.status !== 200 || !answer.stream) throw new CallFailure('webhook_status');
    await caller.connect(answer).catch(() => {
      throw new CallFailure('connect_failed');
    });
    connectedAt = performance.now();
    await silenceUntil(caller, analyser, promptPlayed(caller, analyser, 0), timeout, 'no_greeting');
    for (const [i, turn] of script.turns.entries()) {
      opts.trace?.(
        `${Math.round(performance.now() - started)} turn ${i}: marks ${analyser.marks} echoed ${caller.echoedMarks.length} frames ${analyser.frames}`,
      );
      await caller.pause(200);
      await caller.speak(turn.speakMs, turn.seed);
      const speechEndAt = caller.lastSpeechSentAt;
      analyser.watch(speechEndAt);
      // After the last turn the server says goodbye and hangs up: that is the answer.
      const last = i === script.turns.length - 1;
      const answered = promptPlayed(caller, analyser, speechEndAt);
      await silenceUntil(
        caller,
        analyser,
        last ? () => !caller.open && analyser.lastMediaAt > speechEndAt : answered,
        last ? 2 * timeout : timeout,
        last ? 'not_ended' : 'no_answer',
      );
      turns.push({ speechEndAt, answerAt: analyser.firstAnswerAt });
      opts.trace?.(
        `${Math.round(performance.now() - started)} answered after ${Math.round(analyser.firstAnswerAt - speechEndAt)} ms`,
      );
    }
  } catch (err) {
    error = err instanceof CallFailure ? err.code : 'harness_error';
    opts.trace?.(
      `${Math.round(performance.now() - started)} failed: ${error} (marks ${analyser.marks} echoed ${caller.echoedMarks.length})`,
    );
    await caller.hangup().catch(() => undefined);
  }
  analyser.drain(caller);
  return {
    flowId: script.flowId,
    ok: error === undefined,
    ...(error ? { error } : {}),
    turns,
    ...(analyser.firstMediaAt > 0 && connectedAt > 0
      ? { greetingMs: analyser.firstMediaAt - connectedAt }
      : {}),
    frames: analyser.frames,
    lateFrames: analyser.late,
    jitter: analyser.jitter.toJSON(),
    clears: analyser.clears,
    durationMs: performance.now() - started,
  };
}
