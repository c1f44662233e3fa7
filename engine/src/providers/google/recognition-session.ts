// One SpeechSession on Google's streaming API. A gRPC stream may live ~305 s, so the session
// swaps streams before that (and on OUT_OF_RANGE or one transient fault), replaying the
// unsettled audio into the new stream and shifting its times by where that audio began.
// A stream that owes an answer to speech and gives none in time is swapped the same way (the
// caller's words are replayed, not lost); if the fresh stream stalls too, the session fails.
import type { Duplex } from 'node:stream';
import type { Clock } from '../../ports/clock';
import { ProviderError } from '../../ports/provider-error';
import { RECOGNIZER_STALLED, type SpeechEvent, type SpeechSession } from '../../ports/speech-to-text';
import { EventQueue } from '../event-queue';
import { ReplayBuffer } from './replay-buffer';
import { type RecognizeResponse, toSpeechEvents } from './responses';
import { StallWatch } from './stall-watch';
import type { StreamingConfig } from './streaming-config';

/**
 * A raw bidirectional recognize call: requests in, responses out, cancellable. google-gax hands
 * out a proxy whose writes are acknowledged at once; `stream` is the gRPC call inside it, which
 * holds each request until HTTP/2 flow control lets it onto the wire.
 */
export type RecognizeStream = Duplex & {
  cancel(): void;
  readonly stream?: { readonly writableLength: number };
};

export interface SessionSettings {
  /** Opens a call and sends the config as its first request. */
  readonly openStream: (config: StreamingConfig) => RecognizeStream;
  readonly config: StreamingConfig;
  readonly clock: Clock;
  /** Swap streams after this much time (wall clock or audio), at the next pause in speech. */
  readonly restartAfterMs: number;
  /** If nobody pauses, swap anyway this much later (replaying the unsettled audio). */
  readonly restartGraceMs: number;
  /** Restarts allowed after transient faults before the session fails. */
  readonly maxFaultRestarts: number;
  /** How long close() waits for the last results. */
  readonly closeTimeoutMs: number;
  /**
   * Speech sent and no response at all (not even voice activity) for this long: the stream has
   * stalled. Google answers speech within a few hundred ms (voice activity, interim results).
   * Once it said speech began, it owes the next answer only after the caller stops: then it
   * gets twice this long after the last voiced audio (see `onVoicedAudio`).
   */
  readonly stallTimeoutMs: number;
  /**
   * Least audio per request (ms). Twilio delivers 20 ms frames; one gRPC message each meant
   * ~10,000 messages a second on the one channel at 200 calls, and turns queued behind them.
   * Measured at 200 calls (BENCHMARKS.md, load): 100 ms requests halved the p99 turn seen by
   * callers against 20 and 40 ms, with the median unchanged — the recognizer's end of speech
   * is decided on audio time, so the batch delays it by 40 ms on average at most. Google also
   * suggests ~100 ms. While the stream signals backpressure, audio is coalesced further.
   * Not at the end of speech, though: see PROMPT_AFTER_SPEECH_MS.
   */
  readonly chunkMs?: number;
}

/**
 * After the caller's last voiced frame, audio goes out frame by frame for this long (audio
 * time), or until the recognizer says the speech ended or gives its final. The end of the
 * caller's turn waits for the recognizer's end of speech, which it decides on the silence it
 * has heard: a 100 ms batch held back the last words by 40 ms on average (up to 80) and the
 * silence after them just as long, on every turn. Google's end-of-speech comes within about a
 * second of silence, so the extra requests are bounded (~50 per turn, against ~10 a second).
 */
export const PROMPT_AFTER_SPEECH_MS = 1000;

/** gRPC status codes worth a fresh stream. */
const TRANSIENT = new Set([4, 8, 10, 13, 14]); // DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE
const OUT_OF_RANGE = 11;
/** Consecutive duration-limit swaps without any final result before the session gives up. */
const MAX_LIMIT_RESTARTS_WITHOUT_RESULT = 3;
const CODE_NAMES: Record<number, string> = {
  3: 'invalid_argument',
  4: 'deadline_exceeded',
  7: 'permission_denied',
  8: 'resource_exhausted',
  10: 'aborted',
  11: 'out_of_range',
  13: 'internal',
  14: 'unavailable',
  16: 'unauthenticated',
};

export class GoogleRecognitionSession implements SpeechSession {
  readonly events: EventQueue<SpeechEvent> = new EventQueue();
  private readonly replay: ReplayBuffer;
  private stream: RecognizeStream | null = null;
  private streamOffsetMs = 0;
  private streamOpenedAt = 0;
  /** Audio written to the current stream, replay included (counts towards Google's limit). */
  private streamAudioMs = 0;
  private faultRestarts = 0;
  /** Streams ended at the duration limit since the last final result. */
  private limitRestartsWithoutResult = 0;
  private closing: Promise<void> | null = null;
  private closeDone: (() => void) | null = null;
  private closeRetries = 0;
  /** The newest bytes of the replay are not yet sent: they go out as one request per `chunkBytes`. */
  private unsentBytes = 0;
  private readonly chunkBytes: number;
  /**
   * Audio since the caller's last voiced frame (ms), while the recognizer has not yet answered
   * that speech with its end or a final; null when nothing is awaited (see PROMPT_AFTER_SPEECH_MS).
   */
  private quietAfterSpeechMs: number | null = null;
  /** The stream that said "not now" (write() returned false): audio waits for its drain. */
  private awaitingDrain: RecognizeStream | null = null;
  private readonly stallWatch: StallWatch;
  /** Stalls in a row, without any response in between. */
  private stalls = 0;

  constructor(private readonly settings: SessionSettings) {
    // At most half a stream's budget is replayed, so a fresh stream always has room to run.
    this.replay = new ReplayBuffer(settings.restartAfterMs / 2);
    this.chunkBytes = (settings.chunkMs ?? 100) * 8;
    this.stallWatch = new StallWatch(
      settings,
      (stream) => stream === this.stream && !this.closing && !this.events.ended,
      () => this.onStall(),
    );
  }

  /**
   * Streams are opened on the first audio, so an idle session costs nothing at Google. `audio`
   * is copied into the replay at once (transports reuse their frame buffer).
   */
  write(audio: Uint8Array, level?: number): void {
    if (this.closing || this.events.ended || audio.length === 0) return;
    // Audio not yet sent stays in the replay whatever its loudness: it is read from there.
    const voiced = this.replay.append(audio, level, this.unsentBytes + audio.length);
    if (voiced) this.quietAfterSpeechMs = 0;
    else if (this.quietAfterSpeechMs !== null) this.quietAfterSpeechMs += audio.length / 8;
    if (!this.stream || this.dueForRestart()) this.startStream();
    else {
      this.unsentBytes += audio.length;
      if (this.unsentBytes >= this.chunkBytes || this.awaitingEndOfSpeech()) this.sendUnsent();
    }
    if (voiced && this.stream) this.stallWatch.voicedAudioSent(this.stream);
  }

  /** The caller has just stopped speaking and the recognizer is deciding whether the turn ended. */
  private awaitingEndOfSpeech(): boolean {
    const quiet = this.quietAfterSpeechMs;
    return quiet !== null && quiet > 0 && quiet <= PROMPT_AFTER_SPEECH_MS;
  }

  /** A fresh stream hears the unsettled audio again; a second stall in a row ends the session. */
  private onStall(): void {
    if (++this.stalls >= 2) {
      this.retire(this.stream);
      this.stream = null;
      this.events.fail(new ProviderError({ provider: 'google', code: RECOGNIZER_STALLED, retryable: false }));
      return;
    }
    this.events.push({ type: 'stream.restarted', reason: 'stalled' });
    this.startStream();
    // The replayed speech must be answered too.
    if (this.replay.holdsSpeech && this.stream) this.stallWatch.replayedSpeech(this.stream);
  }

  private sendUnsent(): void {
    const stream = this.stream;
    if (!stream || this.unsentBytes === 0 || this.awaitingDrain === stream) return;
    const flowing = stream.write({ audioContent: this.replay.newest(this.unsentBytes) });
    this.streamAudioMs += this.unsentBytes / 8;
    this.unsentBytes = 0;
    if (flowing) return;
    this.awaitingDrain = stream;
    stream.once('drain', () => {
      if (this.awaitingDrain !== stream) return;
      this.awaitingDrain = null;
      this.sendUnsent();
    });
  }

  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  /**
   * Restarting in a pause means no sentence is cut and no result is in flight; only when the
   * caller talks through the whole grace period is the stream swapped mid-speech (with replay).
   */
  private dueForRestart(): boolean {
    const age = Math.max(this.settings.clock.now() - this.streamOpenedAt, this.streamAudioMs);
    if (age < this.settings.restartAfterMs) return false;
    return !this.replay.holdsSpeech || age >= this.settings.restartAfterMs + this.settings.restartGraceMs;
  }

  /** Opens a stream and replays every unsettled chunk (including the one just appended). */
  private startStream(): void {
    this.retire(this.stream);
    // The replay below includes everything not yet sent.
    this.unsentBytes = 0;
    const stream = this.settings.openStream(this.settings.config);
    this.stream = stream;
    this.stallWatch.startedStream();
    this.streamOffsetMs = this.replay.startMs;
    this.streamOpenedAt = this.settings.clock.now();
    this.streamAudioMs = this.replay.lengthMs;
    stream.on('data', (response: RecognizeResponse) => this.onResponse(stream, response));
    stream.on('error', (error: unknown) => this.onError(stream, error));
    stream.on('end', () => this.onEnd(stream));
    for (const audio of this.replay.pending()) stream.write({ audioContent: audio });
  }

  /**
   * A replaced stream says nothing more: it is cancelled, not half-closed, because its
   * unsettled words are being re-recognized by the new stream and must not arrive twice.
   * After the client was closed (shutdown racing a call) the SDK's stream wraps a plain stream
   * that only fails, and cancel() throws a TypeError; such a stream is destroyed instead — a
   * throw here would escape from a stream event handler and take the whole process down.
   */
  private retire(stream: RecognizeStream | null): void {
    this.stallWatch.cancel();
    if (!stream) return;
    stream.removeAllListeners('data');
    stream.removeAllListeners('end');
    stream.removeAllListeners('error');
    stream.on('error', () => {});
    try {
      stream.cancel();
    } catch {
      stream.destroy();
    }
  }

  private onResponse(
    stream: RecognizeStream,
    response: RecognizeResponse & { error?: { code?: number } | null },
  ): void {
    if (stream !== this.stream) return;
    if (response.error?.code) return this.onError(stream, response.error);
    this.stallWatch.answered();
    this.stalls = 0;
    for (const event of toSpeechEvents(response, this.streamOffsetMs)) {
      if (event.type === 'speech.begin' || event.type === 'speech.end')
        this.stallWatch.heardSpeech(event.type === 'speech.begin');
      // The recognizer has decided on the speech so far: batching may resume until the next word.
      if (event.type === 'speech.end' || (event.type === 'transcript' && event.isFinal))
        this.quietAfterSpeechMs = null;
      if (event.type === 'transcript' && event.isFinal && event.endMs !== undefined) {
        this.replay.settleUntil(event.endMs);
        this.limitRestartsWithoutResult = 0;
      }
      this.events.push(event);
    }
  }

  private onError(stream: RecognizeStream, error: unknown): void {
    if (stream !== this.stream) return;
    const code = grpcCode(error);
    if (this.closing) return this.endWhileClosing(code);
    if (code === OUT_OF_RANGE && this.restartAtLimit()) return;
    if (TRANSIENT.has(code) && this.faultRestarts < this.settings.maxFaultRestarts)
      return this.restartAfterFault(true);
    this.stallWatch.cancel();
    this.stream = null;
    this.events.fail(
      new ProviderError({
        provider: 'google',
        code: `stt_${CODE_NAMES[code] ?? `grpc_${code}`}`,
        retryable: TRANSIENT.has(code),
        cause: error,
      }),
    );
  }

  private onEnd(stream: RecognizeStream): void {
    if (stream !== this.stream) return;
    if (this.closing) return this.endWhileClosing();
    // The server ended the stream on its own (e.g. its duration limit): continue on a new one.
    if (this.restartAtLimit()) return;
    this.stallWatch.cancel();
    this.stream = null;
    this.events.fail(new ProviderError({ provider: 'google', code: 'stt_stream_ended', retryable: true }));
  }

  /**
   * A new stream after one ended at its limit. One that hits the limit again before any final
   * result settled the replay would only be fed the same too-long audio once more: after a few
   * such swaps the session gives up (false) instead of opening streams in a loop.
   */
  private restartAtLimit(): boolean {
    if (this.limitRestartsWithoutResult >= MAX_LIMIT_RESTARTS_WITHOUT_RESULT) return false;
    this.limitRestartsWithoutResult++;
    this.restartAfterFault(false);
    return true;
  }

  private restartAfterFault(counts: boolean): void {
    if (counts) this.faultRestarts++;
    this.retire(this.stream);
    this.stream = null;
    this.unsentBytes = 0; // part of the replay
    // With nothing unsettled, the next audio opens the stream (an idle stream would time out).
    if (this.replay.lengthMs > 0) this.startStream();
  }

  /** Half-closes the stream and waits (bounded) for its last results. */
  private async finish(): Promise<void> {
    this.stallWatch.cancel();
    if (!this.stream) return this.events.end();
    const done = new Promise<void>((resolve) => (this.closeDone = resolve));
    this.awaitingDrain = null;
    this.sendUnsent(); // the caller's last words must reach the recognizer before the half-close
    this.stream.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise<void>((r) => (timer = setTimeout(r, this.settings.closeTimeoutMs))),
    ]);
    clearTimeout(timer);
    this.retire(this.stream);
    this.stream = null;
    this.events.end();
  }

  /**
   * The stream ended or failed while we were closing. If it stopped (limit, transient fault, or
   * an end that gRPC reports just before the error status) with words still unsettled, one last
   * stream hears the replay so the caller's last words survive.
   */
  private endWhileClosing(code?: number): void {
    const restartable = code === undefined || code === OUT_OF_RANGE || TRANSIENT.has(code);
    if (restartable && this.replay.holdsSpeech && this.closeRetries < 2) {
      this.closeRetries++;
      this.startStream();
      this.stream?.end();
      return;
    }
    this.closeDone?.();
  }
}

function grpcCode(error: unknown): number {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : -1;
}
