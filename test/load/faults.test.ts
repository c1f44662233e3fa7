// Faults under load (issue 8 item 4), short version. First the pieces on their own — the
// webhook receiver's outage modes, the fault schedule, the verifier's verdicts on good and bad
// evidence — then one real run: the server and the vendor fakes as separate processes, ~30
// callers over ~25 s with flaky vendors, one webhook outage and one SIGKILL + restart of the
// server. It asserts correctness only (every call ended in a defined fallback, nothing stored
// was lost or delivered twice under one key, nothing of zero persistence was written, no caller
// words in any file or log line) — never timing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFaultLoad, type FaultRunReport } from '../../load/fault-run';
import { faultProfile, resolveFaultProfile, runFaultSchedule, type ServerControl } from '../../load/faults';
import { killAllChildren } from '../../load/stack';
import { checkCallEndings, checkRecords, type ObservedCall } from '../../load/verify';
import { startWebhookReceiver, type WebhookDelivery } from '../../load/webhook-receiver';

const dirs: string[] = [];
afterAll(() => {
  killAllChildren('SIGKILL');
  // CALLFLOW_KEEP_FAULT_RUN=1 keeps the run dir (logs, data, faults-report.json) to look into.
  if (!process.env.CALLFLOW_KEEP_FAULT_RUN) for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const post = (url: string, key: string, body: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'idempotency-key': key, 'content-type': 'application/json' },
    body,
  }).then(
    (r) => r.status,
    () => 'reset',
  );

describe('webhook receiver', () => {
  it('files each idempotency key once, and while down resets connections or answers 503', async () => {
    const r = await startWebhookReceiver();
    try {
      const note = JSON.stringify({ txId: 'tx_a', flowId: 'f' });
      expect(await post(r.url, 'tx_a', note)).toBe(200);
      expect(await post(r.url, 'tx_a', note)).toBe(200);
      r.down('reset');
      expect(await post(r.url, 'tx_b', '{}')).toBe('reset');
      r.down('status503');
      expect(await post(r.url, 'tx_b', '{}')).toBe(503);
      r.up();
      expect(await post(r.url, 'tx_b', JSON.stringify({ txId: 'tx_b' }))).toBe(200);
      expect(r.stats()).toMatchObject({ accepted: 3, filed: 2, redeliveries: 1 });
      expect(r.stats().refused).toBeGreaterThanOrEqual(1);
      expect(r.filed.get('tx_a')).toMatchObject({ txId: 'tx_a', flowId: 'f' });
    } finally {
      await r.close();
    }
  });
});

describe('fault profiles and schedule', () => {
  it('names profiles for the fakes and refuses unknown ones', () => {
    expect(resolveFaultProfile('none')).toEqual({});
    expect(resolveFaultProfile('tts-down')).toEqual({ elevenlabs: { seed: 1, serverError: 1 } });
    const chaos = faultProfile('chaos', 5);
    expect(chaos.fakes.google?.error).toBeCloseTo(2 * (faultProfile('flaky', 5).fakes.google?.error ?? 0));
    expect(chaos.serverKills).toHaveLength(1);
    expect(() => resolveFaultProfile('meteor')).toThrow(/unknown fault profile/);
  });

  it('takes the receiver down and up, kills and restarts the server, and knows the down window', async () => {
    const r = await startWebhookReceiver();
    const calls: string[] = [];
    const server: ServerControl = {
      kill: async (signal) => void calls.push(`kill ${signal}`),
      restart: async () => {
        await new Promise((res) => setTimeout(res, 30));
        calls.push('restart');
      },
    };
    try {
      const profile = {
        ...faultProfile('none'),
        webhookOutages: [{ from: 0.1, to: 0.5, mode: 'reset' as const }],
        serverKills: [0.3],
      };
      const s = runFaultSchedule(profile, { durationMs: 1000, receiver: r, server });
      await new Promise((res) => setTimeout(res, 200));
      expect(r.isDown).toBe(true);
      await s.done;
      expect(r.isDown).toBe(false);
      expect(calls).toEqual(['kill SIGKILL', 'restart']);
      expect(s.events.map((e) => e.kind)).toEqual([
        'webhook.down',
        'server.killed',
        'server.ready',
        'webhook.up',
      ]);
      const [w] = s.downWindows();
      expect(w.to - w.from).toBeGreaterThanOrEqual(20);
    } finally {
      await r.close();
    }
  });
});

describe('verifier', () => {
  const call = (
    callSid: string,
    endedBy: ObservedCall['endedBy'],
    startedAtMs = 0,
    endedAtMs = 10_000,
  ): ObservedCall => ({ callSid, endedBy, startedAtMs, endedAtMs, frames: 100 });

  it('accepts the defined fallbacks and flags a call that hung or was refused outside the crash', () => {
    const ok = checkCallEndings(
      [
        call('CA1', 'caller-done', 0, 7000),
        call('CA2', 'server', 0, 7000),
        call('CA3', 'server', 0, 7000),
        call('CA4', 'server', 5000, 9000),
        call('CA5', 'refused', 9500, 9500),
        call('CA6', 'server', 0, 7000),
      ],
      [
        { callSid: 'CA2', kind: 'dial' },
        { callSid: 'CA3', kind: 'hangup' },
      ],
      { downWindows: [{ from: 8000, to: 12_000 }], boundMs: 60_000, slackMs: 0 },
    );
    expect(ok.problems).toEqual([]);
    expect(ok.counts.expectedNotes).toBe(4); // CA4 and CA5 met the crash
    expect(ok.counts.byFallback).toEqual({
      'script-done': 1,
      handoff: 1,
      hangup: 1,
      closed: 1,
      'cut-by-crash': 1,
      'refused-while-down': 1,
    });
    // CA9 was handed over, came back (no answer) and then nothing ended it: still a hung call.
    const bad = checkCallEndings(
      [
        call('CA7', 'caller-gave-up', 0, 60_001),
        call('CA8', 'refused', 100, 100),
        { ...call('CA9', 'caller-gave-up'), handoff: 'resumed' },
      ],
      [{ callSid: 'CA9', kind: 'dial' }],
      { boundMs: 60_000 },
    );
    expect(bad.problems).toHaveLength(3);
    expect(bad.counts.hung).toBe(2);
  });

  it('stored notes: delivered once per key or pending; zero persistence: never written', () => {
    const flows = new Map([
      ['stored', { zeroPersistence: false, webhook: true }],
      ['zero', { zeroPersistence: true, webhook: true }],
      ['inbox', { zeroPersistence: false, webhook: false }],
    ]);
    const line = (txId: string, flowId: string) =>
      JSON.stringify({ level: 'info', event: 'twilio.record', outcome: 'ok', txId, flowId });
    const logText = [
      line('tx_1', 'stored'),
      line('tx_2', 'stored'),
      line('tx_3', 'zero'),
      line('tx_4', 'zero'),
      line('tx_5', 'inbox'),
    ].join('\n');
    const d = (key: string, sha = 'h'): WebhookDelivery => ({
      key,
      txId: key,
      flowId: 'stored',
      bodySha256: sha,
      atMs: 0,
    });
    const row = (tx: string, flow: string, webhook: string | null) =>
      [tx, { tx_id: tx, flow_id: flow, webhook_url: webhook, inbox_pending: 1, shred_reason: null }] as const;
    const good = checkRecords({
      logText,
      flows,
      deliveries: [d('tx_1'), d('tx_1'), { ...d('tx_3'), flowId: 'zero' }],
      store: {
        notes: new Map([row('tx_2', 'stored', 'http://x'), row('tx_5', 'inbox', null)]),
        receipts: new Map([['tx_1', ['delivered']]]),
      },
    });
    expect(good.problems).toEqual([]);
    expect(good.counts).toMatchObject({
      stored: { delivered: 1, pending: 1, inInbox: 1 },
      zeroPersistence: { delivered: 1, gone: 1 },
      receiver: { filed: 2, redeliveries: 1 },
    });

    const bad = checkRecords({
      logText,
      flows,
      deliveries: [d('tx_1', 'a'), d('tx_1', 'b')],
      store: {
        notes: new Map([row('tx_3', 'zero', null), row('tx_5', 'inbox', null)]),
        receipts: new Map([['tx_4', ['delivered']]]),
      },
    });
    expect(bad.problems.join('\n')).toMatch(/tx_1: redeliveries carry different notes/);
    expect(bad.problems.join('\n')).toMatch(/stored note tx_2: neither delivered nor pending/);
    expect(bad.problems.join('\n')).toMatch(/zero-persistence note tx_3 was written/);
    expect(bad.problems.join('\n')).toMatch(/zero-persistence note tx_4 was written/);
  });
});

describe('faults under load (real processes)', () => {
  let report: FaultRunReport;

  it('every call ends in a defined fallback, nothing is lost, duplicated or written that must not be, no canary anywhere', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'callflow-faults-'));
    dirs.push(outDir);
    // Short flows (a call is ~10 s in real time). Fractions of a 40 s phase: the outage from 4 s
    // to 14 s, the SIGKILL at 16 s; calls before it finish, calls during it are cut, calls while it
    // restarts are refused, calls after it run on the restarted server until the ramp ends at 36 s.
    const profile = {
      ...faultProfile('flaky', 42),
      webhookOutages: [{ from: 0.1, to: 0.35, mode: 'reset' as const }],
      serverKills: [0.4],
    };
    report = await runFaultLoad({
      profile,
      calls: 30,
      rampS: 36,
      phaseS: 40,
      flows: 'short',
      handoffEvery: 5,
      callBoundS: 45,
      drainS: 3,
      outDir,
    });
    expect(report.problems, outDir).toEqual([]);
    // The scenario really happened: the crash, the outage, calls and notes on both sides of them.
    expect(report.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['webhook.down', 'webhook.up', 'server.killed', 'server.ready']),
    );
    expect(report.endings.calls).toBe(30);
    expect(report.endings.hung).toBe(0);
    expect(report.endings.byFallback.handoff).toBeGreaterThan(0); // every 5th caller pressed 0
    expect(report.records.accepted).toBeGreaterThan(0);
    expect(report.records.stored.delivered + report.records.stored.pending).toBeGreaterThan(0);
    expect(report.scan.logLines).toBeGreaterThan(0);
    expect(report.scan.hits).toBe(0);
    expect(report.scan.canaryInNotes).toBeGreaterThan(0); // the scan looked for words that really went through
  }, 150_000);
});
