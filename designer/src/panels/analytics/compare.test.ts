import { describe, expect, it } from 'vitest';
import type { AnalyticsNode, AnalyticsReport } from '../../api';
import { compareVersions } from './compare';
import { formatChange, formatRate, headlines, headlineText } from './headlines';

const node = (id: string, entered: number, more: Partial<AnalyticsNode> = {}): AnalyticsNode => ({
  node: id,
  entered,
  left: {},
  reprompts: 0,
  silences: 0,
  humanRequested: 0,
  triggers: {},
  hungUp: 0,
  fallbacks: 0,
  hangUpRate: null,
  humanRate: null,
  ...more,
});
const report = (calls: number, nodes: AnalyticsNode[]): AnalyticsReport => ({
  calls,
  testCalls: 0,
  suppressedDays: 0,
  days: [],
  nodes,
});
const NAMES: Record<string, string> = { anliegen: 'Anliegen aufnehmen', begruessung: 'Begrüßung' };
const name = (id: string) => NAMES[id] ?? id;

describe('comparing two versions', () => {
  // Version 4: 50 calls, 18 % hang up at "anliegen"; version 5: 100 calls, 7 %.
  const v4 = report(50, [
    node('begruessung', 50, { left: { yes: 50 } }),
    node('anliegen', 50, { hungUp: 9, humanRequested: 5, reprompts: 40 }),
  ]);
  const v5 = report(100, [
    node('begruessung', 100),
    node('anliegen', 100, { hungUp: 7, humanRequested: 10, reprompts: 30 }),
  ]);

  it('puts the key rates of each step side by side with the change, in canvas order', () => {
    const cmp = compareVersions(v4, v5, ['begruessung', 'anliegen']);
    expect(cmp.steps.map((s) => s.node)).toEqual(['begruessung', 'anliegen']);
    const s = cmp.steps[1]!;
    expect(s.a).toEqual({ entered: 50, reached: 1, hungUp: 0.18, human: 0.1, reprompts: 0.8 });
    expect(s.b).toEqual({ entered: 100, reached: 1, hungUp: 0.07, human: 0.1, reprompts: 0.3 });
    expect(s.change.hungUp).toBeCloseTo(-0.11);
    expect(formatRate('hungUp', s.a.hungUp, 'de')).toBe('18 %');
    expect(formatRate('reprompts', s.a.reprompts, 'de')).toBe('0,8');
    expect(formatChange('hungUp', s.change.hungUp, 'de')).toBe('−11 Pp.');
    expect(formatChange('hungUp', s.change.hungUp, 'en')).toBe('−11 pp');
    expect(formatChange('reprompts', s.change.reprompts, 'en')).toBe('−0.5');
    expect(formatChange('human', s.change.human, 'de')).toBe('±0 Pp.');
  });

  it('writes the headline sentences in German and English, biggest change first', () => {
    const h = headlines(compareVersions(v4, v5), { a: 4, b: 5 });
    expect(h.map((x) => headlineText(x, 'de', name))).toEqual([
      'Seit Version 5 sind die Auflegungen am Schritt ‚Anliegen aufnehmen‘ von 18 % auf 7 % gefallen.',
      'Seit Version 5 sind die Wiederholungen am Schritt ‚Anliegen aufnehmen‘ von 0,8 auf 0,3 pro Anruf gefallen.',
    ]);
    expect(headlineText(h[0]!, 'en', name)).toBe(
      'Since version 5, hang-ups at the step ‘Anliegen aufnehmen’ fell from 18 % to 7 %.',
    );
    expect(headlineText(h[1]!, 'en', name)).toBe(
      'Since version 5, repeats at the step ‘Anliegen aufnehmen’ fell from 0.8 to 0.3 per call.',
    );
  });

  it('speaks from the older to the newer version whichever way round they were picked', () => {
    const h = headlines(compareVersions(v5, v4), { a: 5, b: 4 });
    expect(headlineText(h[0]!, 'de', name)).toBe(
      'Seit Version 5 sind die Auflegungen am Schritt ‚Anliegen aufnehmen‘ von 18 % auf 7 % gefallen.',
    );
    const up = headlines(
      compareVersions(
        report(20, [node('anliegen', 20, { humanRequested: 1 })]),
        report(20, [node('anliegen', 20, { humanRequested: 5 })]),
      ),
      { a: 1, b: 2 },
    );
    expect(headlineText(up[0]!, 'de', name)).toBe(
      'Seit Version 2 ist der Anteil der Anrufenden, die am Schritt ‚Anliegen aufnehmen‘ nach einem Menschen fragen, von 5 % auf 25 % gestiegen.',
    );
    expect(headlineText(up[0]!, 'en', name)).toBe(
      'Since version 2, the share of callers asking for a human at the step ‘Anliegen aufnehmen’ rose from 5 % to 25 %.',
    );
  });

  it('says there is not enough data when a version only has suppressed days, and never makes a rate from them', () => {
    // The server leaves "< 5" days out: version 4 then has 0 calls and no node counters.
    const cmp = compareVersions(report(0, []), v5);
    expect(cmp.steps[0]!.a).toEqual({
      entered: 0,
      reached: null,
      hungUp: null,
      human: null,
      reprompts: null,
    });
    expect(cmp.steps.every((s) => s.change.hungUp === null)).toBe(true);
    const h = headlines(cmp, { a: 4, b: 5 });
    expect(h).toEqual([{ kind: 'not-enough', version: 4 }]);
    expect(headlineText(h[0]!, 'de', name)).toBe(
      'Version 4 hat im gewählten Zeitraum noch nicht genug Anrufe für einen Vergleich (Tage mit weniger als 5 Anrufen zählen nicht).',
    );
    expect(headlineText(h[0]!, 'en', name)).toBe(
      'Version 4 does not have enough calls in this period for a comparison yet (days with fewer than 5 calls do not count).',
    );
  });

  it('needs 5 callers at a step in both versions before comparing its rates', () => {
    const few = compareVersions(
      report(6, [node('anliegen', 4, { hungUp: 3 })]),
      report(6, [node('anliegen', 6, { hungUp: 0 })]),
    );
    expect(few.steps[0]!.a.hungUp).toBeNull();
    expect(few.steps[0]!.a.reached).toBeCloseTo(4 / 6);
    const h = headlines(few, { a: 1, b: 2 });
    expect(headlineText(h[0]!, 'de', name)).toBe(
      'Noch kein Schritt wurde in beiden Versionen von mindestens 5 Anrufenden erreicht – für einen Vergleich ist es zu früh.',
    );
  });

  it('says so when nothing changed notably', () => {
    const same = headlines(compareVersions(v5, v5), { a: 5, b: 6 });
    expect(headlineText(same[0]!, 'de', name)).toBe(
      'Zwischen Version 5 und Version 6 hat sich an keinem Schritt etwas deutlich verändert.',
    );
    expect(headlineText(same[0]!, 'en', name)).toBe(
      'Between version 5 and version 6, nothing changed notably at any step.',
    );
  });
});
