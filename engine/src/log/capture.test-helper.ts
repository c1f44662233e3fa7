// Test helper: a destination that keeps every written line, plus the line validator.
import { Ajv } from 'ajv';
import { buildLogLineSchema } from './schema.js';

export interface Capture {
  destination: { write(line: string): void };
  raw(): string;
  lines(): Record<string, unknown>[];
}

export function capture(): Capture {
  const chunks: string[] = [];
  return {
    destination: { write: (line: string) => void chunks.push(line) },
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const ajv = new Ajv({ allErrors: true, strict: true });
export const validateLine = ajv.compile(buildLogLineSchema());

/** Throws with Ajv's errors when a line does not validate (so failures say why). */
export function expectValid(line: unknown): void {
  if (!validateLine(line)) throw new Error(`invalid log line: ${JSON.stringify(validateLine.errors)}`);
}
