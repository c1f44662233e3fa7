import { describe, expect, it } from 'vitest';
import { QUESTION_TABLE as TABLE } from './question.cases.js';

describe('isQuestion (table)', () => {
  for (const c of TABLE.cases) {
    const label = `${c.lang}: ${JSON.stringify(c.text)} → ${JSON.stringify(c.want)}`;
    if (c.miss) it(`known miss, ${label}`, () => expect(TABLE.run(c)).not.toEqual(c.want));
    else it(label, () => expect(TABLE.run(c)).toEqual(c.want));
  }
});
