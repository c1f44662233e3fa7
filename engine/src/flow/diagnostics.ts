// Diagnostics: what the loader, compiler and linter say about a flow. They are collected and
// returned all at once (never thrown on the first problem) so the designer and the CLI can show
// every problem together. Messages are for a practice manager, in German and English.

export type Severity = 'error' | 'warning';

export interface LocalizedText {
  de: string;
  en: string;
}

export interface Diagnostic {
  /** Stable machine-readable code, e.g. `consent.missing-before-intake`. Documented in engine/src/flow/README.md. */
  code: string;
  severity: Severity;
  /** The node the problem belongs to, so the designer can mark it on the canvas. */
  nodeId?: string;
  /** JSON Pointer into the flow document, e.g. `/nodes/anliegen/fields/0/key`. */
  path: string;
  message: LocalizedText;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');
