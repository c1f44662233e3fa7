// Diagnostics: what the loader, compiler and linter say about a flow. They are collected and
// returned all at once (never thrown on the first problem) so the designer and the CLI can show
// every problem together. Messages are for a practice manager, in German and English.
// Every code is documented in engine/src/flow/README.md.

export type Severity = 'error' | 'warning';

export interface LocalizedText {
  de: string;
  en: string;
}

export interface Diagnostic {
  /** Stable machine-readable code, e.g. `consent.missing-before-collect`. Documented in engine/src/flow/README.md. */
  code: string;
  severity: Severity;
  /** The node the problem belongs to, so the designer can mark it on the canvas. */
  nodeId?: string;
  /** JSON Pointer into the flow document, e.g. `/nodes/anliegen/fields/0/key`. */
  path: string;
  message: LocalizedText;
  /** Only for problems in the file's text (invalid JSON): where in the text, 1-based. */
  location?: { line: number; column: number };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** A JSON Pointer (RFC 6901) from path segments: `pointer('nodes', 'a/b', 0)` → `/nodes/a~1b/0`. */
export function pointer(...segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    const s = String(segment);
    // Fast path: node ids and keys never contain "~" or "/" (the linter builds many pointers).
    out += s.includes('~') || s.includes('/') ? `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}` : `/${s}`;
  }
  return out;
}

/** The node a JSON Pointer points into (`/nodes/<id>/…` and `/layout/nodes/<id>/…`), if any. */
export function nodeIdOf(path: string): string | undefined {
  const m = /^\/(?:layout\/)?nodes\/([^/]+)/.exec(path);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** Builds a diagnostic; `nodeId` is derived from the path when it points into a node. */
export function diagnostic(
  code: string,
  severity: Severity,
  path: string,
  message: LocalizedText,
): Diagnostic {
  const nodeId = nodeIdOf(path);
  return nodeId === undefined ? { code, severity, path, message } : { code, severity, nodeId, path, message };
}

export const error = (code: string, path: string, de: string, en: string): Diagnostic =>
  diagnostic(code, 'error', path, { de, en });

export const warning = (code: string, path: string, de: string, en: string): Diagnostic =>
  diagnostic(code, 'warning', path, { de, en });

/** Sorts errors before warnings, then by path, keeping the order within equal keys (stable sort). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort(
    (a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}
