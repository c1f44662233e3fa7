import { describe, expect, it } from 'vitest';
import { conformExtraction, type ExtractionField } from './extractor.js';

const fields: ExtractionField[] = [
  { key: 'name', type: 'name', label: 'Name' },
  { key: 'age', type: 'number', label: 'Alter' },
  { key: 'urgent', type: 'yesno', label: 'Dringend?' },
  {
    key: 'topic',
    type: 'choice',
    label: 'Anliegen',
    choices: [
      { value: 'termin', label: 'Termin' },
      { value: 'rezept', label: 'Rezept' },
    ],
  },
];

describe('conformExtraction', () => {
  it('keeps well-typed values for asked keys and drops everything else', () => {
    const result = conformExtraction(fields, {
      name: ' Jana Meier ',
      age: 41,
      urgent: false,
      topic: 'rezept',
      transfer: '+19005550100',
      action: 'handoff',
    });
    expect(result).toEqual({ values: { name: 'Jana Meier', age: 41, urgent: false, topic: 'rezept' } });
  });

  it('turns wrong types, unknown choices and missing keys into null', () => {
    const result = conformExtraction(fields, { name: 42, age: '41', urgent: 'ja', topic: 'transfer' });
    expect(result.values).toEqual({ name: null, age: null, urgent: null, topic: null });
    expect(conformExtraction(fields, 'not an object').values).toEqual({
      name: null,
      age: null,
      urgent: null,
      topic: null,
    });
    expect(conformExtraction(fields, [1, 2]).values.name).toBeNull();
  });

  it('rejects non-finite numbers, empty and overlong strings', () => {
    const result = conformExtraction(fields, { name: 'x'.repeat(501), age: Number.NaN });
    expect(result.values.name).toBeNull();
    expect(result.values.age).toBeNull();
    expect(conformExtraction(fields, { name: '   ' }).values.name).toBeNull();
  });

  it('ignores inherited properties (prototype tricks)', () => {
    const raw = Object.create({ name: 'from prototype' });
    expect(conformExtraction(fields, raw).values.name).toBeNull();
  });
});
