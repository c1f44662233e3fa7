// The sound of a voice test call in the page, as plain code the worklets (call-audio.worklet.ts)
// run and Vitest tests: the microphone resampled to 8 kHz and cut into 20 ms μ-law frames (the
// phone path's format), and the bot's frames played out through a small jitter buffer that
// honours marks (echoed when everything before them has played) and `clear` (barge-in).
import { MULAW_DECODE_TABLE, mulawEncode } from '../../../../../engine/src/audio/mulaw';

export const CALL_RATE = 8000;
export const FRAME_SAMPLES = 160;

/** Any rate ≥ 8 kHz → 8 kHz: the mean of each output sample's span (a box low-pass, enough for speech). */
export class Downsampler {
  private readonly ratio: number;
  private position = 0;
  private boundary: number;
  private sum = 0;
  private count = 0;

  constructor(inputRate: number) {
    this.ratio = inputRate / CALL_RATE;
    this.boundary = this.ratio;
  }

  push(input: Float32Array, emit: (sample: number) => void): void {
    for (let i = 0; i < input.length; i++) {
      this.sum += input[i];
      this.count++;
      this.position++;
      if (this.position >= this.boundary) {
        emit(this.sum / this.count);
        this.sum = 0;
        this.count = 0;
        this.boundary += this.ratio;
      }
    }
    // Keep the numbers small on long calls without drifting.
    if (this.position > 1e6) {
      this.position -= 1e6;
      this.boundary -= 1e6;
    }
  }
}

/** Samples in −1…1 → 160-byte μ-law frames. */
export class FrameEncoder {
  private frame = new Uint8Array(FRAME_SAMPLES);
  private filled = 0;

  push(sample: number): Uint8Array | undefined {
    this.frame[this.filled++] = mulawEncode(Math.round(Math.max(-1, Math.min(1, sample)) * 32767));
    if (this.filled < FRAME_SAMPLES) return undefined;
    const full = this.frame;
    this.frame = new Uint8Array(FRAME_SAMPLES);
    this.filled = 0;
    return full;
  }
}

type Entry = { kind: 'audio'; samples: Float32Array; read: number } | { kind: 'mark'; name: string };

export interface JitterReport {
  /** Audio waiting to be played now (ms). */
  readonly depthMs: number;
  /** The most that ever waited during this call (ms); never above `limitMs`. */
  readonly maxDepthMs: number;
  /** The most the buffer holds (ms): above it the oldest audio is skipped. */
  readonly limitMs: number;
  /** Audio skipped so far to stay within the limit (ms); barge-in's `clear` is not counted. */
  readonly droppedMs: number;
}

/** The jitter buffer's promise (issue 24): what the caller hears is at most this late. */
export const JITTER_LIMIT_MS = 200;

const SAMPLES_PER_MS = CALL_RATE / 1000;

/**
 * The bot's audio waiting to be played, with its marks in order. Playback starts once
 * `prebufferMs` are buffered, or at once when a mark follows (a prompt's end is all there is).
 * The server sends at most its lead (200 ms) ahead of its own clock, so the depth normally stays
 * about there; when the page falls behind (a busy audio thread, a late start) the oldest audio is
 * skipped down to `limitMs`, so the bot is never heard later than that. A mark whose audio was
 * skipped is echoed then, as if played: the server only learns that everything before it is done.
 */
export class JitterBuffer {
  private readonly entries: Entry[] = [];
  private readonly prebufferSamples: number;
  private readonly limitSamples: number;
  private buffered = 0;
  private playing = false;
  private maxDepth = 0;
  private dropped = 0;

  constructor(
    private readonly onPlayed: (mark: string) => void,
    options: { readonly prebufferMs?: number; readonly limitMs?: number } = {},
  ) {
    this.limitSamples = (options.limitMs ?? JITTER_LIMIT_MS) * SAMPLES_PER_MS;
    this.prebufferSamples =
      Math.min(options.prebufferMs ?? 60, options.limitMs ?? JITTER_LIMIT_MS) * SAMPLES_PER_MS;
  }

  pushFrame(bytes: Uint8Array): void {
    const samples = new Float32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) samples[i] = MULAW_DECODE_TABLE[bytes[i]] / 32768;
    this.entries.push({ kind: 'audio', samples, read: 0 });
    this.buffered += samples.length;
    this.skipAbove(this.limitSamples);
    this.maxDepth = Math.max(this.maxDepth, this.buffered);
  }

  pushMark(name: string): void {
    this.entries.push({ kind: 'mark', name });
    this.releaseLeadingMarks();
  }

  /** Barge-in: everything waiting is dropped, its marks count as played (as on the phone). Returns the ms dropped. */
  clear(): number {
    const droppedMs = this.buffered / SAMPLES_PER_MS;
    for (const e of this.entries.splice(0)) if (e.kind === 'mark') this.onPlayed(e.name);
    this.buffered = 0;
    this.playing = false;
    return droppedMs;
  }

  /** The next 8 kHz sample (silence while waiting or dry). */
  next(): number {
    if (!this.playing) {
      if (this.buffered < this.prebufferSamples && !this.entries.some((e) => e.kind === 'mark')) return 0;
      this.playing = true;
    }
    this.releaseLeadingMarks();
    const head = this.entries[0];
    if (!head) {
      this.playing = false;
      return 0;
    }
    if (head.kind !== 'audio') return 0;
    const sample = head.samples[head.read++];
    this.buffered--;
    if (head.read >= head.samples.length) {
      this.entries.shift();
      this.releaseLeadingMarks();
      if (this.entries.length === 0) this.playing = false;
    }
    return sample;
  }

  report(): JitterReport {
    return {
      depthMs: this.buffered / SAMPLES_PER_MS,
      maxDepthMs: this.maxDepth / SAMPLES_PER_MS,
      limitMs: this.limitSamples / SAMPLES_PER_MS,
      droppedMs: this.dropped / SAMPLES_PER_MS,
    };
  }

  /** Skips the oldest audio until at most `samples` wait; marks passed on the way are echoed. */
  private skipAbove(samples: number): void {
    while (this.buffered > samples) {
      this.releaseLeadingMarks();
      const head = this.entries[0] as { kind: 'audio'; samples: Float32Array; read: number };
      const skip = Math.min(this.buffered - samples, head.samples.length - head.read);
      head.read += skip;
      this.buffered -= skip;
      this.dropped += skip;
      if (head.read >= head.samples.length) this.entries.shift();
    }
    this.releaseLeadingMarks();
  }

  private releaseLeadingMarks(): void {
    while (this.entries[0]?.kind === 'mark') {
      const mark = this.entries.shift() as { kind: 'mark'; name: string };
      this.onPlayed(mark.name);
    }
  }
}

/** 8 kHz → the output rate, by linear interpolation between neighbouring samples. */
export class Upsampler {
  private readonly step: number;
  private frac = 0;
  private prev = 0;
  private nextSample = 0;

  constructor(outputRate: number) {
    this.step = CALL_RATE / outputRate;
  }

  fill(out: Float32Array, source: () => number): void {
    for (let i = 0; i < out.length; i++) {
      this.frac += this.step;
      while (this.frac >= 1) {
        this.prev = this.nextSample;
        this.nextSample = source();
        this.frac -= 1;
      }
      out[i] = this.prev + (this.nextSample - this.prev) * this.frac;
    }
  }
}
