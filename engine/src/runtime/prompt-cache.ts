// Audio of static prompts (no caller data: disclosure, questions without variables), keyed
// by the interpreter's cacheKey (flow content hash + node + prompt) plus the voice. Kept in RAM
// only; bounded so a tenant with many flow versions cannot grow it without limit.
//
// Each entry also holds its 20 ms frames with their base64 text (audio/encoded-frames.ts),
// computed once when the audio enters: every call that plays the prompt, and every replay, sends
// those as they are. That text costs ≈ 4/3 of the audio (216 characters per 160-byte frame), so an
// entry weighs ≈ 2.35× its audio, and the bound counts it all.
import { encodedBytes, encodeFrames, type EncodedFrame } from '../audio/encoded-frames';

/** The cache key of a prompt in one voice: the same sentence in another voice is other audio. */
export function voiceCacheKey(voiceId: string, cacheKey: string): string {
  return `${voiceId}|${cacheKey}`;
}

export interface PromptCache {
  /** The prompt's audio as it was synthesized. */
  get(key: string): Uint8Array | undefined;
  /** The same audio as 20 ms frames with their base64, ready to pace (what playback sends). */
  frames(key: string): readonly EncodedFrame[] | undefined;
  set(key: string, audio: Uint8Array): void;
}

interface Entry {
  readonly audio: Uint8Array;
  readonly frames: readonly EncodedFrame[];
  /** Audio + base64 text + padding: what the bound counts. */
  readonly bytes: number;
}

export class MemoryPromptCache implements PromptCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  /** Default 64 MB ≈ 56 minutes of μ-law audio with its base64 (≈ 2.2 hours of bare audio). */
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Uint8Array | undefined {
    return this.touch(key)?.audio;
  }

  frames(key: string): readonly EncodedFrame[] | undefined {
    return this.touch(key)?.frames;
  }

  set(key: string, audio: Uint8Array): void {
    if (audio.length === 0 || audio.length > this.maxBytes) return;
    const frames = encodeFrames(audio);
    const entry: Entry = { audio, frames, bytes: audio.length + encodedBytes(frames, audio) };
    if (entry.bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.bytes;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, as the bound counts them (audio, base64, padding). */
  get heldBytes(): number {
    return this.bytes;
  }

  private touch(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Least recently used goes first: re-insert to move to the end.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }
}
