// Audio of static prompts (no caller data: disclosure, questions without variables), keyed
// by the interpreter's cacheKey (flow content hash + node + prompt) plus the voice. Kept in RAM
// only; bounded so a tenant with many flow versions cannot grow it without limit.

/** The cache key of a prompt in one voice: the same sentence in another voice is other audio. */
export function voiceCacheKey(voiceId: string, cacheKey: string): string {
  return `${voiceId}|${cacheKey}`;
}

export interface PromptCache {
  get(key: string): Uint8Array | undefined;
  set(key: string, audio: Uint8Array): void;
}

export class MemoryPromptCache implements PromptCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  /** Default 64 MB ≈ 2.2 hours of μ-law audio. */
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Uint8Array | undefined {
    const audio = this.entries.get(key);
    if (audio) {
      // Least recently used goes first: re-insert to move to the end.
      this.entries.delete(key);
      this.entries.set(key, audio);
    }
    return audio;
  }

  set(key: string, audio: Uint8Array): void {
    if (audio.length === 0 || audio.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.length;
    this.entries.delete(key);
    this.entries.set(key, audio);
    this.bytes += audio.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
