// Reads the run's log files after the run: errors and fallbacks by code from the server's
// PII-free JSON lines, accepted records, and the canary scan (no caller words in any line).
import { existsSync, readFileSync } from 'node:fs';
import { findCanary } from '../test/privacy/canary';

export interface LogSummary {
  readonly lines: number;
  /** "event:code" → count, for warn/error/fatal lines. */
  readonly byCode: Record<string, number>;
  /** Records the server accepted after calls (`twilio.record` ok). */
  readonly recordsAccepted: number;
  readonly recordErrors: number;
  /** Lines that are not JSON (e.g. the first-start credential box, stack traces). */
  readonly nonJson: number;
}

export function summarizeServerLog(file: string): LogSummary {
  const byCode: Record<string, number> = {};
  let lines = 0;
  let recordsAccepted = 0;
  let recordErrors = 0;
  let nonJson = 0;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    lines++;
    let entry: { level?: string; event?: string; code?: string; outcome?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      nonJson++;
      continue;
    }
    if (entry.event === 'twilio.record') {
      if (entry.outcome === 'ok') recordsAccepted++;
      else recordErrors++;
    }
    if (entry.level === 'warn' || entry.level === 'error' || entry.level === 'fatal') {
      const key = `${entry.event ?? '?'}:${entry.code ?? entry.outcome ?? '-'}`;
      byCode[key] = (byCode[key] ?? 0) + 1;
    }
  }
  return { lines, byCode, recordsAccepted, recordErrors, nonJson };
}

/** Which canaries occur (in any encoding) in which files. Empty = clean. */
export function scanLogs(
  files: readonly string[],
  canaries: readonly string[],
): { file: string; canary: string; encodings: string[] }[] {
  const hits: { file: string; canary: string; encodings: string[] }[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const data = readFileSync(file);
    for (const canary of canaries) {
      const encodings = findCanary(data, canary);
      if (encodings.length > 0) hits.push({ file, canary: `${canary.slice(0, 3)}…`, encodings });
    }
  }
  return hits;
}
