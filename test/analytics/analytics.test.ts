// Issue 10 end to end: calls driven through /simulate (live) with canaries in the caller's words;
// the counters per node come back exactly through the API and the CSV, the canary is nowhere in
// the analytics rows or the data directory, zero-persistence flows leave no analytics row on disk
// but show up in /metrics, days under 5 calls are suppressed, and the purge drops old days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../engine/src/analytics/summary';
import { scanFiles } from '../privacy/canary';
import { exampleFlow } from '../privacy/server-env';
import { analyticsEnv, METRICS_TOKEN } from './env';

const CANARY = `Zebulon${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
const MONDAY = '2026-03-02T09:00:00+01:00';
const TUESDAY = '2026-03-03T09:00:00+01:00';
/** Reprompt + silence in the personal details, then the caller hangs up there. */
const GIVES_UP = [
  { say: 'ja' },
  { say: 'äh' },
  { silence: true },
  { say: `Anna ${CANARY}` },
  { hangup: true },
];
/** Asks for a human; nobody answers; the bot secures a number, notes an urgent callback and says goodbye. */
const WANTS_HUMAN = [
  { say: 'ja' },
  { say: `Ich möchte mit einem Mitarbeiter sprechen, ${CANARY}` },
  { handoff: 'no-answer' },
  { say: 'null eins sieben eins, eins zwei drei vier fünf sechs sieben' },
  { say: 'ja' },
];

const clock = { now: Date.parse('2026-03-04T12:00:00Z') };
let env: Awaited<ReturnType<typeof analyticsEnv>>;
let praxis: string;
let kanzlei: string;

async function call(flowId: string, turns: unknown[], at: string) {
  const res = await env.as('owner', 'POST', `/api/flows/${flowId}/simulate`, { turns, at, live: true });
  expect(res.status).toBe(200);
}

interface NodeOut {
  node: string;
  entered: number;
  left: Record<string, number>;
  reprompts: number;
  silences: number;
  humanRequested: number;
  hungUp: number;
  fallbacks: number;
}
/** The /simulate calls below are test calls: read them with source=test (the default is phone calls only). */
async function report(flowId: string, query = 'from=2026-03-01&to=2026-03-04&source=test') {
  const res = await env.as('viewer', 'GET', `/api/flows/${flowId}/analytics?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    calls: number;
    testCalls: number;
    source: string;
    suppressedDays: number;
    days: Record<string, unknown>[];
    nodes: NodeOut[];
  };
}

beforeAll(async () => {
  env = await analyticsEnv(clock);
  praxis = await env.createFlow(exampleFlow('arztpraxis'));
  kanzlei = await env.createFlow(exampleFlow('kanzlei'));
  for (let i = 0; i < 3; i++) await call(praxis, GIVES_UP, MONDAY);
  for (let i = 0; i < 2; i++) await call(praxis, WANTS_HUMAN, MONDAY);
  await call(praxis, GIVES_UP, TUESDAY);
}, 60_000);

afterAll(() => {
  env.close();
  env.remove();
});

describe('flow analytics through /simulate (live)', () => {
  it('counts entered, exits, reprompts, silences, human requests and hang-ups per node exactly', async () => {
    const r = await report(praxis);
    const node = (id: string) => r.nodes.find((n) => n.node === id);
    expect(node('begruessung')).toMatchObject({ entered: 5, left: { yes: 5 } });
    expect(node('sprechzeiten')).toMatchObject({ entered: 5, left: { open: 5 } });
    expect(node('personalien')).toMatchObject({
      entered: 5,
      reprompts: 3,
      silences: 3,
      hungUp: 3,
      humanRequested: 2,
      left: { 'hung-up': 3, human: 2 },
    });
    // 'äh' is no name: asked again without the LLM (the practice lets it read no detail), so no fallback.
    expect(node('personalien')!).toMatchObject({ fallbacks: 0 });
    expect(node('weiterleitung')).toMatchObject({ entered: 2, left: { 'no-answer': 2 } });
    expect(node('rueckruf_dringend')).toMatchObject({ entered: 2, hungUp: 0, left: { next: 2 } });
    expect(node('abschluss')).toMatchObject({ entered: 2, left: { completed: 2 } });
    expect(node('anliegen')).toBeUndefined();
    expect(r.calls).toBe(5);
    expect(r.days[0]).toMatchObject({
      day: '2026-03-02',
      suppressed: false,
      calls: 5,
      outcomes: { delivered: 2, handedOff: 0, hungUp: 3, failed: 0 },
      durationS: { median: 30, p90: 30 },
    }); // 15 s and 25 s calls, reported as bucket upper bounds
  });

  it('counts /simulate calls as test calls: phone calls by default, tests only on request', async () => {
    // Five real calls on version 1 (recorded as the phone runtime does: source defaults to phone).
    const summary: CallSummary = {
      day: '2026-03-02',
      outcome: 'delivered',
      durationMs: 40_000,
      nodes: {
        begruessung: {
          entered: 1,
          left: { yes: 1 },
          reprompts: 0,
          silences: 0,
          humanRequested: 0,
          triggers: {},
          hungUp: 0,
          fallbacks: 0,
          answered: {},
          unanswered: 0,
        },
      },
    };
    const flowId = await env.createFlow({
      ...exampleFlow('arztpraxis'),
      id: 'praxis-quellen',
      name: 'Praxis (Quellen)',
    });
    expect((await env.as('owner', 'POST', `/api/flows/${flowId}/versions`, { message: 'v1' })).status).toBe(
      201,
    );
    // The practice tests its published version 1 three times on the same Monday.
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await env.as('owner', 'POST', `/api/flows/${flowId}/simulate`, {
            turns: GIVES_UP,
            at: MONDAY,
            live: true,
            version: 1,
          })
        ).status,
      ).toBe(200);
    }
    for (let i = 0; i < 5; i++)
      await env.analytics.recordCall(
        { tenantId: env.tenantId, flowId, version: 1, zeroPersistence: false },
        summary,
      );
    const begruessung = (r: { nodes: NodeOut[] }) => r.nodes.find((n) => n.node === 'begruessung')?.entered;
    const phone = await report(flowId, 'from=2026-03-02&to=2026-03-02');
    expect(phone).toMatchObject({
      source: 'phone',
      calls: 5,
      testCalls: 0,
      days: [{ outcomes: { delivered: 5, hungUp: 0 } }],
    });
    expect(begruessung(phone)).toBe(5);
    // The three tests alone are under 5: suppressed on their own …
    expect(await report(flowId, 'from=2026-03-02&to=2026-03-02&source=test')).toMatchObject({
      calls: 0,
      suppressedDays: 1,
    });
    // … and counted next to the real calls when asked for.
    const all = await report(flowId, 'from=2026-03-02&to=2026-03-02&source=all');
    expect(all).toMatchObject({
      source: 'all',
      calls: 8,
      testCalls: 3,
      days: [{ outcomes: { delivered: 5, hungUp: 3 } }],
    });
    expect(begruessung(all)).toBe(8);
    const csv = async (q: string) =>
      await (
        await env.as('viewer', 'GET', `/api/flows/${flowId}/analytics.csv?from=2026-03-02&to=2026-03-02${q}`)
      ).text();
    expect(await csv('')).toContain('2026-03-02;5;5;0;0;0;');
    expect(await csv('&source=all')).toContain('2026-03-02;8;5;0;3;0;');
    expect((await env.as('viewer', 'GET', `/api/flows/${flowId}/analytics?source=phones`)).status).toBe(400);
    // Integrators find the parameter in the API reference.
    const doc = (await (await env.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
    };
    for (const path of ['/api/flows/{id}/analytics', '/api/flows/{id}/analytics.csv']) {
      expect(doc.paths[path]!.get.parameters.find((p) => p.name === 'source')?.schema.enum).toEqual([
        'phone',
        'test',
        'all',
      ]);
    }
  });

  it('reports a day with fewer than 5 calls as suppressed, without numbers, and leaves it out of the node totals', async () => {
    const r = await report(praxis);
    expect(r.days[1]).toEqual({ day: '2026-03-03', suppressed: true });
    expect(r.suppressedDays).toBe(1);
    const only = await report(praxis, 'from=2026-03-03&to=2026-03-03&source=test');
    expect(only).toMatchObject({ calls: 0, nodes: [], days: [{ day: '2026-03-03', suppressed: true }] });
  });

  it('exports CSV with German headers, one row per day and node, "< 5" for small days', async () => {
    const res = await env.as(
      'viewer',
      'GET',
      `/api/flows/${praxis}/analytics.csv?from=2026-03-01&to=2026-03-04&source=test`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(
      /^Tag;Anrufe;Zugestellt;Weitergeleitet;Aufgelegt;Fehlgeschlagen;Dauer Median \(s\);Dauer p90 \(s\);Knoten;Erreicht;Ausgänge/,
    );
    expect(lines).toContain('2026-03-02;5;2;0;3;0;30;30;personalien;5;human=2, hung-up=3;3;3;2;;3;0;;0');
    expect(lines.at(-1)).toBe('2026-03-03;< 5;;;;;;;;;;;;;;;;;');
  });

  it('keeps the caller’s words out of every analytics row and every file of the data directory', async () => {
    const all = JSON.stringify([
      await env.analytics.days({
        tenantId: env.tenantId,
        flowId: praxis,
        from: '2000-01-01',
        to: '2100-01-01',
      }),
      await env.analytics.counters({
        tenantId: env.tenantId,
        flowId: praxis,
        from: '2000-01-01',
        to: '2100-01-01',
      }),
    ]);
    expect(all).not.toContain(CANARY);
    expect(scanFiles([env.dataDir], CANARY)).toEqual([]);
    expect(env.logs.raw()).not.toContain(CANARY);
  });

  it('keeps zero-persistence flows in memory only: no analytics row on disk, but visible in the API and /metrics', async () => {
    const before = env.rowCount();
    for (let i = 0; i < 5; i++)
      await call(kanzlei, [{ say: 'ja' }, { say: `Mein Name ist ${CANARY}` }, { hangup: true }], MONDAY);
    expect(env.rowCount()).toBe(before);
    expect(before).toBeGreaterThan(0);
    const r = await report(kanzlei);
    expect(r.nodes.find((n) => n.node === 'begruessung')).toMatchObject({ entered: 5, left: { yes: 5 } });
    const metrics = await env.app.request('/metrics', {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain(
      `callflow_zero_persistence_node_total{flow_id="${kanzlei}",node_id="begruessung",counter="entered",key="",source="test"} 5`,
    );
    expect(text).toContain(
      `callflow_zero_persistence_calls_total{flow_id="${kanzlei}",outcome="hung-up",source="test"} 5`,
    );
    expect(text).not.toContain(praxis); // stored flows are not itemised in /metrics
    expect(text).not.toContain(CANARY);
    expect(scanFiles([env.dataDir], CANARY)).toEqual([]);
  });

  it('compares two versions: per-node rates for each (?version=4&compare=5)', async () => {
    const flowId = await env.createFlow(exampleFlow('support-desk'));
    const scope = (version: number) => ({ tenantId: env.tenantId, flowId, version, zeroPersistence: false });
    const summary = (hungUp: boolean): CallSummary => ({
      day: '2026-03-02',
      outcome: hungUp ? 'hung-up' : 'delivered',
      durationMs: 60_000,
      nodes: {
        intake: {
          entered: 1,
          left: hungUp ? { 'hung-up': 1 } : { next: 1 },
          reprompts: 0,
          silences: 0,
          humanRequested: 0,
          triggers: {},
          hungUp: hungUp ? 1 : 0,
          fallbacks: 0,
          answered: {},
          unanswered: 0,
        },
      },
    });
    for (let i = 0; i < 10; i++) await env.analytics.recordCall(scope(4), summary(i < 2));
    for (let i = 0; i < 10; i++) await env.analytics.recordCall(scope(5), summary(i < 1));
    const res = await env.as(
      'viewer',
      'GET',
      `/api/flows/${flowId}/analytics?from=2026-03-02&to=2026-03-02&version=4&compare=5`,
    );
    const body = (await res.json()) as {
      version: number;
      nodes: { hangUpRate: number }[];
      compare: { version: number; nodes: { hangUpRate: number }[] };
    };
    expect(body.version).toBe(4);
    expect(body.nodes[0]!.hangUpRate).toBe(0.2);
    expect(body.compare.version).toBe(5);
    expect(body.compare.nodes[0]!.hangUpRate).toBe(0.1);
    const bad = await env.as('viewer', 'GET', `/api/flows/${flowId}/analytics?from=2026-03-05&to=2026-03-01`);
    expect(bad.status).toBe(400);
  });

  it('answers /metrics only with the bearer token', async () => {
    expect((await env.app.request('/metrics')).status).toBe(404);
    expect((await env.app.request('/metrics', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(
      404,
    );
  });

  it('purges aggregates older than the retention with a fake clock', async () => {
    const q = { tenantId: env.tenantId, flowId: praxis, from: '2000-01-01', to: '2100-01-01' };
    expect((await env.analytics.days(q)).length).toBe(2);
    clock.now = Date.parse('2027-04-02T12:00:00Z'); // exactly 396 days after 2026-03-02: still kept
    expect(await env.analytics.purge()).toBe(0);
    clock.now = Date.parse('2027-04-03T12:00:00Z'); // 397 days: 03-02 goes, 03-03 stays
    expect(await env.analytics.purge()).toBeGreaterThan(0);
    expect((await env.analytics.days(q)).map((d) => d.day)).toEqual(['2026-03-03']);
    clock.now = Date.parse('2027-04-10T12:00:00Z');
    await env.analytics.purge();
    expect(await env.analytics.days(q)).toEqual([]);
    expect(env.rowCount()).toBe(0);
  });
});
