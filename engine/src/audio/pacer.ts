// Sends audio frames to the phone line in real time, at most `leadMs` ahead of what the caller
// hears. The line (Twilio) buffers whatever we send; a small lead keeps it free of gaps while
// `clear` (barge-in) still silences the caller's earpiece within a few frames. Marks are queued
// in order with the audio so their echo means "everything before me has played".
// With `burstMs` above one frame, the pacer tops the lead up in bursts: it waits until there is
// room for a burst and then sends that much at once, so a line that buffers anyway gets one
// socket write per burst instead of one per 20 ms frame (the write was the largest single cost
// of a busy server: BENCHMARKS.md, issue 25 profile).
import type { Clock, TimerHandle } from '../ports/clock';
import { frameAt, type EncodedAudio } from './encoded-frames';
import type { FrameTicker } from './frame-ticker';
import { FRAME_MS } from './frames';

/** A frame to send; `base64` is its wire text when computed ahead (cached prompts: encoded-frames.ts). */
export interface PacedFrame {
  readonly kind: 'media';
  readonly frame: Uint8Array;
  readonly base64?: string;
}

export type PacedItem = PacedFrame | { readonly kind: 'mark'; readonly name: string };

export interface PacerOptions {
  readonly clock: Clock;
  readonly send: (item: PacedItem) => void;
  /** How much audio may be sent ahead of playback (ms). */
  readonly leadMs?: number;
  /**
   * How much audio to send at once when topping up the lead (ms, a multiple of 20; default one
   * frame). The lead then swings between `leadMs − burstMs` and `leadMs`.
   */
  readonly burstMs?: number;
  /**
   * The process's shared 20 ms tick: waits for the next frame on it instead of a timer of its
   * own (a frame then goes out up to one tick later than due, inside the lead).
   */
  readonly ticker?: FrameTicker;
}

export class Pacer {
  private readonly clock: Clock;
  private readonly send: (item: PacedItem) => void;
  private readonly leadMs: number;
  private readonly burstMs: number;
  private readonly queue: PacedItem[] = [];
  /** Clock time at which the audio already sent will have finished playing. */
  private playoutEnd = 0;
  private timer: TimerHandle | null = null;
  private readonly ticker: FrameTicker | undefined;
  private leaveTicker: (() => void) | null = null;
  private stopped = false;

  constructor(options: PacerOptions) {
    this.clock = options.clock;
    this.send = options.send;
    this.leadMs = Math.max(FRAME_MS, options.leadMs ?? 200);
    this.burstMs = Math.min(this.leadMs, Math.max(FRAME_MS, options.burstMs ?? FRAME_MS));
    this.ticker = options.ticker;
  }

  /** Queues 20 ms frames and sends what the lead allows right away. */
  enqueue(frames: Iterable<Uint8Array>): void {
    for (const frame of frames) this.queue.push({ kind: 'media', frame });
    this.pump();
  }

  /** Queues encoded audio (a cached prompt's): each frame goes to `send` with its base64. */
  enqueueEncoded(audio: EncodedAudio): void {
    audio.base64.forEach((base64, i) =>
      this.queue.push({ kind: 'media', frame: frameAt(audio.frames, i), base64 }),
    );
    this.pump();
  }

  /** Queues a mark after the audio enqueued so far. */
  mark(name: string): void {
    this.queue.push({ kind: 'mark', name });
    this.pump();
  }

  /** Drops queued audio and marks (the caller sends `clear` down the line for the rest). */
  clear(): number {
    const dropped = this.queue.filter((item) => item.kind === 'media').length;
    this.queue.length = 0;
    this.cancelTimer();
    this.playoutEnd = this.clock.now();
    return dropped;
  }

  /** Milliseconds of audio sent but not yet played, plus audio still queued. */
  get aheadMs(): number {
    const sent = Math.max(0, this.playoutEnd - this.clock.now());
    return sent + this.queue.filter((item) => item.kind === 'media').length * FRAME_MS;
  }

  /** Clock time at which everything sent and queued will have played (in the past once it has). */
  get playoutEndsAt(): number {
    const queuedMs = this.queue.filter((item) => item.kind === 'media').length * FRAME_MS;
    return queuedMs > 0 ? Math.max(this.playoutEnd, this.clock.now()) + queuedMs : this.playoutEnd;
  }

  get idle(): boolean {
    return this.queue.length === 0;
  }

  /** Stops for good (hangup): nothing more is sent. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.cancelTimer();
  }

  private pump(): void {
    if (this.stopped || this.timer) return;
    const now = this.clock.now();
    if (this.playoutEnd < now) this.playoutEnd = now; // underrun: playback restarts now
    // A burst starts only once a whole burst fits; once started, it fills the lead.
    const roomForBurst = this.playoutEnd - now + this.burstMs <= this.leadMs;
    while (this.queue.length > 0) {
      const head = this.queue[0];
      if (head.kind === 'media' && (!roomForBurst || this.playoutEnd - now + FRAME_MS > this.leadMs))
        return this.waitForRoom(this.playoutEnd + this.burstMs - this.leadMs - now);
      this.queue.shift();
      if (head.kind === 'media') this.playoutEnd += FRAME_MS;
      this.send(head);
    }
    this.cancelTimer(); // nothing left to wait for
  }

  private waitForRoom(ms: number): void {
    if (this.ticker) {
      this.leaveTicker ??= this.ticker.subscribe(() => this.pump());
      return;
    }
    this.timer = this.clock.setTimer(Math.max(1, ms), () => {
      this.timer = null;
      this.pump();
    });
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = null;
    this.leaveTicker?.();
    this.leaveTicker = null;
  }
}
