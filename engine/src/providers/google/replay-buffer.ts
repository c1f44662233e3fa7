// Audio written since the last final result, so a restarted stream can hear it again: words
// the old stream had not settled are recognized by the new one instead of being lost.
// Positions are milliseconds on the session's timeline (8 bytes of μ-law = 1 ms).
// One growing ring of bytes, not an object and a copy per 20 ms frame: a call that listens for a
// minute without a final used to hold 3,000 of them. While nothing voiced is unsettled only the
// last second is kept — a restarted stream needs the run-up to the next word, not the silence.
import { frameRms } from '../../audio/energy';
import { FRAME_BYTES } from '../../audio/frames';

/** Same threshold as the transport's energy VAD: phone-line noise stays below it. */
const SPEECH_RMS = 500;
/** Unvoiced audio kept before the next word while nothing voiced is unsettled. */
export const QUIET_RUN_UP_MS = 1000;
/** Replayed audio goes out in requests of at most this much (Google takes ≤ 25,600 bytes each). */
const REPLAY_PIECE_BYTES = 8000;
const INITIAL_BYTES = 8 * QUIET_RUN_UP_MS;

const msOf = (bytes: number) => bytes / 8;

export class ReplayBuffer {
  private ring = new Uint8Array(INITIAL_BYTES);
  /** Index in `ring` of the oldest byte kept, and how many are kept. */
  private head = 0;
  private size = 0;
  /** Bytes appended since the session began. */
  private written = 0;
  /** End of the last voiced chunk, and of the last settled audio (session time). */
  private lastVoicedMs = -1;
  private settledMs = 0;
  private readonly maxBytes: number;

  constructor(maxMs: number) {
    this.maxBytes = Math.max(FRAME_BYTES, Math.floor(maxMs * 8));
  }

  /** Session time of the end of all audio appended so far. */
  get endMs(): number {
    return msOf(this.written);
  }

  /** Session time where the replay starts (= endMs when empty). */
  get startMs(): number {
    return msOf(this.written - this.size);
  }

  /**
   * Keeps a copy of `audio` for a replay; true when it is loud enough to be speech. `level` is
   * its RMS when the caller measured it already (one energy computation per frame); at least
   * the newest `mustKeep` bytes stay (within the bound), voiced or not.
   */
  append(audio: Uint8Array, level = frameRms(audio), mustKeep = 0): boolean {
    const voiced = level >= SPEECH_RMS;
    this.written += audio.length;
    if (voiced) this.lastVoicedMs = msOf(this.written);
    // Bounded: without finals for a long time, the oldest audio is given up (never unbounded RAM).
    const quiet = Math.max(QUIET_RUN_UP_MS * 8, mustKeep);
    const keep = this.holdsSpeech ? this.maxBytes : Math.min(this.maxBytes, quiet);
    const piece = audio.length > keep ? audio.subarray(audio.length - keep) : audio;
    if (this.size + piece.length > keep) this.drop(Math.min(this.size, this.size + piece.length - keep));
    this.push(piece);
    return voiced;
  }

  /**
   * Forgets audio that ends at or before `ms` (it is covered by a final result), in whole 20 ms
   * frames: the frame the final ends in is kept, so no word is cut off.
   */
  settleUntil(ms: number): void {
    this.settledMs = Math.max(this.settledMs, ms);
    const until = Math.min(this.written, Math.floor((ms * 8) / FRAME_BYTES) * FRAME_BYTES);
    const start = this.written - this.size;
    if (until > start) this.drop(until - start);
    this.shrink();
  }

  /** True when speech was heard after the last final: a restart now could cut a sentence. */
  get holdsSpeech(): boolean {
    // Speech dropped by the size bound still counts: its final result has not arrived yet.
    return this.lastVoicedMs > this.settledMs;
  }

  /** Milliseconds of unsettled audio. */
  get lengthMs(): number {
    return msOf(this.size);
  }

  /** The unsettled audio, oldest first, as fresh copies of at most REPLAY_PIECE_BYTES each. */
  pending(): Buffer[] {
    const pieces: Buffer[] = [];
    for (let at = 0; at < this.size; at += REPLAY_PIECE_BYTES)
      pieces.push(this.copy(at, Math.min(REPLAY_PIECE_BYTES, this.size - at)));
    return pieces;
  }

  /** A fresh copy of the newest `bytes` kept (at most all of them). */
  newest(bytes: number): Buffer {
    const n = Math.min(bytes, this.size);
    return this.copy(this.size - n, n);
  }

  private copy(offset: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    const from = (this.head + offset) % this.ring.length;
    const first = Math.min(length, this.ring.length - from);
    out.set(this.ring.subarray(from, from + first), 0);
    if (first < length) out.set(this.ring.subarray(0, length - first), first);
    return out;
  }

  private push(audio: Uint8Array): void {
    if (this.size + audio.length > this.ring.length) this.resize(this.size + audio.length);
    const tail = (this.head + this.size) % this.ring.length;
    const first = Math.min(audio.length, this.ring.length - tail);
    this.ring.set(audio.subarray(0, first), tail);
    if (first < audio.length) this.ring.set(audio.subarray(first), 0);
    this.size += audio.length;
  }

  private drop(bytes: number): void {
    this.head = (this.head + bytes) % this.ring.length;
    this.size -= bytes;
  }

  /** A long utterance grew the ring; once it is settled the memory goes back. */
  private shrink(): void {
    if (this.ring.length > INITIAL_BYTES && this.size * 4 < this.ring.length) this.resize(this.size * 2);
  }

  private resize(atLeast: number): void {
    let capacity = INITIAL_BYTES;
    while (capacity < atLeast) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.copy(0, this.size), 0);
    this.ring = next;
    this.head = 0;
  }
}
