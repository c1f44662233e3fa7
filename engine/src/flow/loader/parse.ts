// Step 1 of loading: text → JSON value, or one diagnostic with line and column.
import { error, type Diagnostic } from '../diagnostics';

export type ParseResult = { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic };

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Where JSON.parse stopped. Engines word their messages differently (V8: "at position 12",
 * "(line 2 column 5)"; Firefox: "at line 2 column 5"), so every known form is read; a message
 * without a position means the text ended too early.
 */
function errorLocation(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineColumn(text, Number(pos[1]));
  return lineColumn(text, text.length);
}

export function parseJson(input: string): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') {
    return {
      ok: false,
      diagnostic: error('format.invalid-json', '', 'Die Datei ist leer.', 'The file is empty.'),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const { line, column } = errorLocation(text, e instanceof Error ? e.message : String(e));
    return {
      ok: false,
      diagnostic: {
        ...error(
          'format.invalid-json',
          '',
          `Die Datei ist kein gültiges JSON (Zeile ${line}, Spalte ${column}). Oft fehlt dort ein Komma, ein Anführungszeichen oder eine Klammer.`,
          `The file is not valid JSON (line ${line}, column ${column}). Often a comma, a quote or a bracket is missing there.`,
        ),
        location: { line, column },
      },
    };
  }
}
