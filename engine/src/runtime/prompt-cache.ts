// Audio of static prompts (no caller data: disclosure, questions without variables), keyed
// by the interpreter's cacheKey (flow content hash + node + prompt) plus the voice. Kept in RAM
// only; bounded so a tenant with many flow versions cannot grow it without limit.
//
// Each entry holds its audio cut into 20 ms frames with their base64 text (audio/encoded-frames.ts),
// computed once when the audio enters: every call that plays the prompt, and every replay, sends
// that text as it is. The base64 costs ≈ 4/3 of the audio (216 characters per 160-byte frame, plus
// ~32 bytes per frame for each string's header), so an entry weighs ≈ 2.55× its audio, and the
// bound counts it all.
import { encodeAudio, encodedBytes, type EncodedAudio } from '../audio/encoded-frames';

/** The cache key of a prompt in one voice: the same sentence in another voice is other audio. */
export function voiceCacheKey(voiceId: string, cacheKey: string): string {
  return `${voiceId}|${cacheKey}`;
}

export interface PromptCache {
  /** The prompt's audio as it was synthesized. */
  get(key: string): Uint8Array | undefined;
  /** The same audio in 20 ms frames with their base64, ready to pace (what playback sends). */
  encoded(key: string): EncodedAudio | undefined;
  set(key: string, audio: Uint8Array): void;
}

interface Entry {
  readonly encoded: EncodedAudio;
  /** Padded audio + base64 text: what the bound counts. */
  readonly bytes: number;
}

export class MemoryPromptCache implements PromptCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  /** Default 64 MB ≈ 55 minutes of μ-law audio with its base64 (it held ≈ 2.2 hours of bare audio). */
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Uint8Array | undefined {
    const encoded = this.touch(key)?.encoded;
    return encoded && encoded.frames.subarray(0, encoded.length);
  }

  encoded(key: string): EncodedAudio | undefined {
    return this.touch(key)?.encoded;
  }

  set(key: string, audio: Uint8Array): void {
    if (audio.length === 0 || audio.length > this.maxBytes) return;
    const encoded = encodeAudio(audio);
    const entry: Entry = { encoded, bytes: encodedBytes(encoded) };
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

  /** Bytes held, as the bound counts them (padded audio and base64). */
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
