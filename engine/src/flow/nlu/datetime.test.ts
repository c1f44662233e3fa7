import { describe, expect, it } from 'vitest';
import { DATETIME_TABLE } from './datetime.cases.js';
import { parseDateTime } from './datetime.js';

describe('parseDateTime (table)', () => {
  for (const c of DATETIME_TABLE.cases) {
    const label = `${c.lang}: ${JSON.stringify(c.text)}${c.expect ? ` (${c.expect})` : ''}`;
    if (c.miss) it(`known miss, ${label}`, () => expect(DATETIME_TABLE.run(c)).not.toEqual(c.want));
    else it(label, () => expect(DATETIME_TABLE.run(c)).toEqual(c.want));
  }
});

describe('parseDateTime (time zones)', () => {
  it('uses the flow time zone, not the server one, in winter and summer', () => {
    const ctx = { now: '2026-07-01T08:00:00Z', timeZone: 'Europe/Berlin' };
    expect(parseDateTime('morgen um 10', 'de', ctx)?.start).toBe('2026-07-02T10:00:00+02:00');
    expect(parseDateTime('morgen um 10', 'de', { ...ctx, timeZone: 'Europe/London' })?.start).toBe(
      '2026-07-02T10:00:00+01:00',
    );
  });
  it('takes the first (summer-time) 02:30 in the autumn overlap', () => {
    const ctx = { now: '2026-10-24T10:00:00Z', timeZone: 'Europe/Berlin' };
    expect(parseDateTime('Sunday at 2:30 am', 'en', ctx)?.start).toBe('2026-10-25T02:30:00+02:00');
  });
  it('rejects an invalid reference instant instead of guessing', () => {
    expect(parseDateTime('morgen', 'de', { now: 'not a date', timeZone: 'Europe/Berlin' })).toBeNull();
  });
});
