export type BuildTarget = 'cli' | 'server';

export interface EnsureOptions {
  /** The repository root (default: the one this module lives in). */
  root?: string;
  /** Where the one "building …" line goes (default: stderr). */
  log?: (line: string) => void;
}

/** Returns the absolute path of the target's bundle, building it first when missing or stale. */
export function ensureBuilt(name: BuildTarget, options?: EnsureOptions): Promise<string>;

/** Runs the target's bundle in this process (source maps on), built first if needed; exits 1 if the build fails. */
export function runBuilt(name: BuildTarget): Promise<void>;
