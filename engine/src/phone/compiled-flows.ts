// Compiled flows shared by the calls of one published version. Versions are immutable, so a
// call can reuse what an earlier call compiled: validating and compiling the canonical JSON on
// every `start` sat on the path to the greeting (0.6 ms on a quiet core, 5–20 ms under load).
// The transfer allow-list is not immutable — it is read per call and is part of the key, so a
// changed list compiles afresh and the old entry ages out. RAM only; flows hold no caller data.
import type { CompiledFlow } from '../flow/compiled';

export interface CompiledVersion {
  readonly compiled: CompiledFlow;
  /** Allow-list id → E.164 number, as it was when this entry was compiled. */
  readonly targets: ReadonlyMap<string, string>;
}

export class CompiledFlowCache {
  /** In insertion order = least recently used first; a promise, so concurrent starts compile once. */
  private readonly entries = new Map<string, Promise<CompiledVersion | undefined>>();

  constructor(private readonly maxEntries = 256) {}

  /** The cached entry for `key`, or what `build` gives (a failed or empty build is not kept). */
  get(key: string, build: () => Promise<CompiledVersion | undefined>): Promise<CompiledVersion | undefined> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const built = build();
    this.entries.set(key, built);
    const forget = () => {
      if (this.entries.get(key) === built) this.entries.delete(key);
    };
    built.then((v) => v ?? forget(), forget);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return built;
  }

  get size(): number {
    return this.entries.size;
  }
}
