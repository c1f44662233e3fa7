// Audio written since the last final result, so a restarted stream can hear it again: words
// the old stream had not settled are recognized by the new one instead of being lost.
// Positions are milliseconds on the session's timeline (8 bytes of μ-law = 1 ms).

interface Chunk {
  readonly startMs: number;
  readonly audio: Uint8Array;
  /** Loud enough to be speech (someone may be mid-sentence). */
  readonly voiced: boolean;
}

import { frameRms } from '../../audio/energy';

/** Same threshold as the transport's energy VAD: phone-line noise stays below it. */
const SPEECH_RMS = 500;

const msOf = (bytes: number) => bytes / 8;

export class ReplayBuffer {
  private chunks: Chunk[] = [];
  private writtenMs = 0;
  /** End of the last voiced chunk, and of the last settled audio (session time). */
  private lastVoicedMs = -1;
  private settledMs = 0;

  constructor(private readonly maxMs: number) {}

  /** Session time of the end of all audio appended so far. */
  get endMs(): number {
    return this.writtenMs;
  }

  /** Session time where the replay starts (= endMs when empty). */
  get startMs(): number {
    return this.chunks[0]?.startMs ?? this.writtenMs;
  }

  /** Keeps `audio` for a replay; true when it is loud enough to be speech. */
  append(audio: Uint8Array): boolean {
    const voiced = frameRms(audio) >= SPEECH_RMS;
    this.chunks.push({ startMs: this.writtenMs, audio: audio.slice(), voiced });
    this.writtenMs += msOf(audio.length);
    if (voiced) this.lastVoicedMs = this.writtenMs;
    // Bounded: without finals for a long time, the oldest audio is given up (never unbounded RAM).
    while (this.chunks.length > 1 && this.writtenMs - this.chunks[1].startMs >= this.maxMs)
      this.chunks.shift();
    return voiced;
  }

  /** Forgets audio that ends at or before `ms` (it is covered by a final result). */
  settleUntil(ms: number): void {
    this.settledMs = Math.max(this.settledMs, ms);
    while (this.chunks.length > 0) {
      const c = this.chunks[0];
      if (c.startMs + msOf(c.audio.length) > ms) break;
      this.chunks.shift();
    }
  }

  /** True when speech was heard after the last final: a restart now could cut a sentence. */
  get holdsSpeech(): boolean {
    // Speech dropped by the size bound still counts: its final result has not arrived yet.
    return this.lastVoicedMs > this.settledMs;
  }

  /** Milliseconds of unsettled audio. */
  get lengthMs(): number {
    return this.writtenMs - this.startMs;
  }

  /** The unsettled audio, oldest first. */
  pending(): readonly Uint8Array[] {
    return this.chunks.map((c) => c.audio);
  }
}
