import { describe, expect, it } from 'vitest';
import { UTTERANCE_TABLES } from './utterances.cases.js';

describe('the shared utterance table', () => {
  for (const table of UTTERANCE_TABLES) {
    describe(table.parser, () => {
      for (const c of table.cases) {
        const label = `${c.lang}: ${JSON.stringify(c.text)} → ${JSON.stringify(c.want)}`;
        if (c.miss) it(`known miss, ${label}`, () => expect(table.run(c)).not.toEqual(c.want));
        else it(label, () => expect(table.run(c)).toEqual(c.want));
      }
    });
  }
});
