import { describe, expect, it } from 'vitest';
import { PHONE_TABLE } from './phone.cases.js';

describe('parsePhone (table)', () => {
  for (const c of PHONE_TABLE.cases) {
    const label = `${c.lang}${c.country ? `/${c.country}` : ''}: ${JSON.stringify(c.text)}`;
    if (c.miss) it(`known miss, ${label}`, () => expect(PHONE_TABLE.run(c)).not.toEqual(c.want));
    else it(label, () => expect(PHONE_TABLE.run(c)).toEqual(c.want));
  }
});
