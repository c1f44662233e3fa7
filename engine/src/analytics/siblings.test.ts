import { describe, expect, it } from 'vitest';
import { busGroup } from '../../../test/harness/bus-group';
import { buildReport } from './report';
import type { AnalyticsQuery } from './repository';
import { createAnalytics, type CallScope } from './service';
import { answerAnalyticsOfThisProcess, withSiblingAnalytics } from './siblings';
import type { CallSummary } from './summary';

const kanzlei: CallScope = { tenantId: 't1', flowId: 'kanzlei', version: 1, zeroPersistence: true };
const call: CallSummary = {
  day: '2026-03-02',
  outcome: 'delivered',
  durationMs: 40_000,
  nodes: { greeting: { ...emptyNode(), entered: 1, left: { next: 1 } } },
};
const query: AnalyticsQuery = { tenantId: 't1', flowId: 'kanzlei', from: '2026-03-01', to: '2026-03-03' };

function emptyNode() {
  return {
    entered: 0,
    left: {},
    reprompts: 0,
    silences: 0,
    humanRequested: 0,
    triggers: {},
    hungUp: 0,
    fallbacks: 0,
    answered: {},
    unanswered: 0,
  };
}

/** Two worker processes, each with its own in-memory analytics, answering each other. */
function twoWorkers() {
  const group = busGroup(2);
  const workers = group.buses.map((bus) => {
    const analytics = createAnalytics({ now: () => Date.parse('2026-03-02T12:00:00Z') });
    answerAnalyticsOfThisProcess(bus, analytics.memory);
    return { analytics, api: withSiblingAnalytics(bus, analytics) };
  });
  return { group, workers };
}

const report = async (api: ReturnType<typeof twoWorkers>['workers'][number]['api']) =>
  buildReport(...(await Promise.all([api.days(query), api.counters(query)])));

describe('zero-persistence analytics across worker processes', () => {
  it("shows the instance's calls, whichever worker took them and whichever answers the query", async () => {
    const { workers } = twoWorkers();
    for (let i = 0; i < 3; i++) await workers[0].analytics.recordCall(kanzlei, call);
    for (let i = 0; i < 3; i++) await workers[1].analytics.recordCall(kanzlei, call);
    // Alone, each worker's 3 calls of the day stay under the "< 5" threshold.
    expect(buildReport(await workers[0].analytics.days(query), []).days[0]).toEqual({
      day: '2026-03-02',
      suppressed: true,
    });
    for (const w of workers) {
      const r = await report(w.api);
      expect(r.calls).toBe(6);
      expect(r.days[0]).toMatchObject({ day: '2026-03-02', suppressed: false, calls: 6 });
      expect(r.nodes.find((n) => n.node === 'greeting')).toMatchObject({ entered: 6, left: { next: 6 } });
    }
  });

  it('answers with the workers that answered when a sibling is restarting', async () => {
    const { group, workers } = twoWorkers();
    for (let i = 0; i < 5; i++) await workers[0].analytics.recordCall(kanzlei, call);
    await workers[1].analytics.recordCall(kanzlei, call);
    group.silence(1);
    expect((await report(workers[0].api)).calls).toBe(5);
  });
});
