import { describe, expect, it } from 'vitest';
import { YESNO_TABLE } from './yesno.cases.js';

describe('understandYesNo (table)', () => {
  for (const c of YESNO_TABLE.cases) {
    const label = `${c.lang}: ${JSON.stringify(c.text)} → ${c.want}`;
    if (c.miss) it(`known miss, ${label}`, () => expect(YESNO_TABLE.run(c)).not.toEqual(c.want));
    else it(label, () => expect(YESNO_TABLE.run(c)).toEqual(c.want));
  }
});
