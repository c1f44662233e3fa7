import { describe, expect, it } from 'vitest';
import { CallOutcome, ConsentOutcome, HandoffOutcome } from '../../../../engine/src/flow/record/schema';
import { flagWord, valueWord } from './words';

const codes = (u: { anyOf: { const: string }[] }) => u.anyOf.map((l) => l.const);

describe('note codes in words', () => {
  it('has German and English words for every outcome, consent and transfer code the engine writes', () => {
    for (const code of [...codes(CallOutcome), ...codes(ConsentOutcome), ...codes(HandoffOutcome)]) {
      expect(valueWord(code, 'de'), code).not.toBe(code);
      expect(valueWord(code, 'en'), code).not.toBe(valueWord(code, 'de'));
    }
  });

  it('words the flags of the example flows and keeps a flag it does not know as written', () => {
    expect(flagWord('emergency', 'de')).toBe('möglicher Notfall');
    expect(flagWord('emergency', 'en')).toBe('possible emergency');
    expect(flagWord('rezept', 'de')).toBe('rezept');
  });
});
