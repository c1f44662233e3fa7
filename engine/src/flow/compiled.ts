// The compiled flow: what the interpreter, the server and the designer's simulator consume.
// Produced only by the loader (parse → migrate → validate → semantic checks → compile), so a
// CompiledFlow is always valid: it carries warnings, never errors.
import type { Diagnostic } from './diagnostics';
import type { Flow, FlowNode } from './format/schema';

export interface CompiledFlow {
  /** The migrated, validated document with schema defaults applied (layout kept as given). */
  readonly flow: Flow;
  /**
   * sha256 (hex) of the canonical JSON of `flow` (defaults filled in) without `layout` and
   * `$schema`; call records reference it. Equals `contentHash(flow)`.
   */
  readonly contentHash: string;
  /** Nodes by id, defaults applied. */
  readonly nodes: Readonly<Record<string, FlowNode>>;
  /** Warnings found while compiling. */
  readonly warnings: readonly Diagnostic[];
}

export type LoadResult =
  { ok: true; compiled: CompiledFlow; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };
