// The stall watch of one recognition session: speech went out on the current stream, so the
// stream owes an answer; when none comes in time, the session is told to swap the stream.
// Google answers speech within a few hundred ms (voice activity, interim results); once it said
// speech began, it owes nothing more until the caller stops.
import type { Clock, TimerHandle } from '../../ports/clock';
import type { RecognizeStream } from './recognition-session';

/** A watch that fires this much after its time only says our event loop was busy. */
const LATE_TIMER_MS = 100;
/**
 * Watches in a row that found our own audio still queued for the stream (flow control): the
 * recognizer has not heard it, so it is not blamed — but a connection that never moves again
 * counts as stalled after this many.
 */
const MAX_BLOCKED_WATCHES = 5;

/** Requests of ours the stream has not put on the wire yet. */
function queuedRequests(stream: RecognizeStream): number {
  return (stream.stream ?? stream).writableLength;
}

export interface StallWatchSettings {
  readonly clock: Clock;
  /** Speech sent and no response at all for this long: the stream has stalled. */
  readonly stallTimeoutMs: number;
}

export class StallWatch {
  /** Runs while speech sent to the watched stream has had no response. */
  private timer: TimerHandle | null = null;
  /** When the stream's silence becomes a stall; moves on while the caller speaks. */
  private deadline = 0;
  /** The stream said speech began and has not said it ended. */
  private hearingSpeech = false;
  /** Watches in a row that found audio still queued on our side (see MAX_BLOCKED_WATCHES). */
  private blockedWatches = 0;

  /**
   * `isCurrent`: the stream is still the session's live one (a swapped or closing session's
   * stream is not blamed). `onStall`: it owed an answer and gave none.
   */
  constructor(
    private readonly settings: StallWatchSettings,
    private readonly isCurrent: (stream: RecognizeStream) => boolean,
    private readonly onStall: () => void,
  ) {}

  /** A fresh stream: it has heard nothing and said nothing yet. */
  startedStream(): void {
    this.cancel();
    this.hearingSpeech = false;
    this.blockedWatches = 0;
  }

  /**
   * Speech went out, so the stream owes an answer. Before it said speech began: within
   * `stallTimeoutMs` of the first voiced audio it has not answered. After that, Google says
   * nothing more until it hears the speech end — unclear words, noise or a name give no interim
   * results, and a long sentence is no stall — so the answer is due twice that long after the
   * caller's last voiced audio. (Measured: with one second from any voiced audio, a caller who
   * spoke 1.2 s without interims had the stream swapped on nearly every turn, and at 600 calls
   * the replays piled up until fresh streams stalled too — BENCHMARKS.md, issue 26.)
   */
  voicedAudioSent(stream: RecognizeStream): void {
    const now = this.settings.clock.now();
    if (this.hearingSpeech) this.watch(stream, now + 2 * this.settings.stallTimeoutMs);
    else if (!this.timer) this.watch(stream, now + this.settings.stallTimeoutMs);
  }

  /**
   * A fresh stream hears replayed speech: it gets twice the time, since it must start up and work
   * through the replay, and failing it hands the caller over.
   */
  replayedSpeech(stream: RecognizeStream): void {
    this.watch(stream, this.settings.clock.now() + 2 * this.settings.stallTimeoutMs);
  }

  /** Any response (voice activity, an interim) shows the stream is alive. */
  answered(): void {
    this.cancel();
    this.blockedWatches = 0;
  }

  /** The stream said speech began (true) or ended (false). */
  heardSpeech(speaking: boolean): void {
    this.hearingSpeech = speaking;
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Arms the watch for `deadline`, or moves a running watch's deadline later (never earlier). */
  private watch(stream: RecognizeStream, deadline: number): void {
    if (this.timer) {
      this.deadline = Math.max(this.deadline, deadline);
      return;
    }
    this.deadline = deadline;
    const clock = this.settings.clock;
    this.timer = clock.setTimer(Math.max(0, deadline - clock.now()), () => {
      this.timer = null;
      if (!this.isCurrent(stream)) return;
      const now = clock.now();
      // The caller spoke on while the timer ran: its deadline moved.
      if (now < this.deadline) return this.watch(stream, this.deadline);
      // Fired late: our own event loop was busy, and the stream's answer may be queued right
      // behind this timer. Look again shortly instead of blaming the recognizer.
      if (now - this.deadline > LATE_TIMER_MS) return this.watch(stream, now + LATE_TIMER_MS);
      // Our audio has not left yet (the connection's flow-control window is used up): the
      // recognizer cannot answer what it has not heard, and a fresh stream on the same
      // connection would only queue the replay behind it.
      if (queuedRequests(stream) > 0 && ++this.blockedWatches < MAX_BLOCKED_WATCHES)
        return this.watch(stream, now + this.settings.stallTimeoutMs);
      this.onStall();
    });
  }
}
