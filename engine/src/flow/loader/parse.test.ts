import { describe, expect, it } from 'vitest';
import { lineColumn, parseJson } from './parse';

describe('parseJson', () => {
  it('parses JSON and ignores a byte-order mark', () => {
    expect(parseJson('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 3, 1],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['text cut off', '{\n  "a": [1, 2', 2, 13],
  ])('locates %s by line and column', (_label, text, line, column) => {
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostic.code).toBe('format.invalid-json');
      expect(result.diagnostic.location).toEqual({ line, column });
    }
  });

  it('calls an empty file empty', () => {
    const result = parseJson('  \n');
    expect(!result.ok && result.diagnostic.message.en).toBe('The file is empty.');
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
