// The short load run (issue 8) in `npm test`: 50 concurrent scripted phone calls, ramped over
// 20 s, through the real processes — vendor fakes in one, the server (engine/src/main.ts) in
// another, callers in two worker processes. Correctness only, never timing: every call ends
// the way its script says, every record arrives exactly once where its flow sends it (the inbox
// of a stored flow, the webhook of a zero-persistence flow), nothing stays open, and no log
// line carries anything a caller said.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCanary } from '../privacy/canary';
import { runLoad, type LoadOptions } from '../../load/run';
import type { LoadReport } from '../../load/report';

const out = mkdtempSync(join(tmpdir(), 'callflow-load-test-'));
const CALLS = 50;
const options: LoadOptions = {
  calls: CALLS,
  rampS: 20,
  durationS: 20,
  callsPerLine: 1,
  workers: 2,
  database: 'sqlite',
  flows: ['load/flows/lastprobe-inbox.flow.json', 'load/flows/lastprobe-webhook.flow.json'],
  delays: { stt: 300, llm: 400, tts: 150 },
  outDir: out,
  calibrationCalls: 0,
  sampleEveryS: 5,
  log: () => {},
};

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('load: 50 concurrent phone calls through the real server process', () => {
  let report: LoadReport;

  it('completes every call and delivers every record exactly once, inbox and webhook alike', async () => {
    report = await runLoad(options);
    expect(report.calls.errorsByCode).toEqual({});
    expect(report.calls.placed).toBe(CALLS);
    expect(report.calls.completed).toBe(CALLS);
    // Lines alternate between the two flows.
    expect(report.calls.completedByFlow).toEqual({
      'lastprobe-inbox': CALLS / 2,
      'lastprobe-webhook': CALLS / 2,
    });
    expect(report.records.acceptedByServer).toBe(CALLS);
    expect(report.records.recordErrors).toBe(0);
    expect(report.records.webhook).toEqual({ posts: CALLS / 2, unique: CALLS / 2, duplicates: 0 });
    expect(report.records.inboxViaApi).toBe(CALLS / 2);
    // …and /metrics counted the same deliveries.
    expect(report.records.deliveriesMetric).toEqual({
      '{channel="inbox",outcome="ok"}': CALLS / 2,
      '{channel="webhook",outcome="ok"}': CALLS / 2,
    });
    // Each turn was answered; the greeting reached every caller.
    expect(report.latency.callerObservedMs.count).toBe(CALLS * 2);
    expect(report.greetingMs.count).toBe(CALLS);
    // Engine time is split at the recognizer, for the run and per window, and the server's
    // event-loop delay is read per scrape window (not the idle figure after the calls).
    const split = report.latency.engineAddedSplitMs;
    expect(split.toRecognizer.count).toBeGreaterThan(CALLS);
    expect(split.afterFinal.count).toBe(split.toRecognizer.count);
    const windows = report.drift.filter((w) => w.turns > 0);
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) expect([w.toRecognizerP99, w.afterFinalP99].every(Number.isFinite)).toBe(true);
    expect(report.latency.serverEventLoopLagP99Ms).toBeGreaterThan(0);
  }, 150_000);

  it('leaves no call open and logs no error', () => {
    expect(report.leaks.activeCallsAfter).toBe(0);
    const unexpected = Object.keys(report.errors.serverLogByCode).filter((k) => !k.startsWith('config.'));
    expect(unexpected).toEqual([]);
    expect(report.errors.providerErrorsMetric).toEqual({});
  });

  it('no log line carries what the callers said', () => {
    // The run scanned server, fakes and worker logs for the scripts' phrases and long words…
    expect(report.canaries).toEqual(
      expect.arrayContaining(['Mein Name ist Kora Kanarienhuhn', 'Kanarienhuhn', 'Kanarienfink']),
    );
    expect(report.canaryHits).toEqual([]);
    // …and the server's log really is the one that recorded these calls.
    const serverLog = readFileSync(join(out, 'server.log'));
    expect(serverLog.toString('utf8').split('"event":"twilio.record"').length - 1).toBe(CALLS);
    for (const name of ['Kora Kanarienhuhn', 'Wenzel Kanarienfink'])
      expect(findCanary(serverLog, name)).toEqual([]);
  });
});
