// Turns a run's raw material into the published figures: report.json, a latency histogram SVG
// and a console table. Every figure says how it was measured (see load/README.md).
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallResult } from './call-runner';
import { Histogram } from './histogram';
import { scanLogs, summarizeServerLog } from './logs';
import type { Lag } from './loop-delay';
import type { Binding } from './provision';
import type { LoadOptions } from './run';
import { metricSum, metricValues } from './sampler';
import type { CallScript } from './scripts';
import { histogramSvg } from './svg';
import { attributeRun, type EngineTurn, type Provider, type ProviderSpan } from './turn-latency';

/** The webhook receiver's counts: requests, distinct Idempotency-Keys, requests repeating a key. */
export interface ReceiverStats {
  readonly posts: number;
  readonly unique: number;
  readonly duplicates: number;
}

export interface Tick {
  t: number;
  active: number;
  serverCpu: number;
  fakesCpu: number;
  serverRss: number;
  load1: number;
  metricsActive: number;
  heapUsed: number;
  /** The server's event-loop delay since the previous scrape, worst process (ms; NaN between scrapes). */
  serverLagP99Ms: number;
  serverLagMaxMs: number;
}

export interface RunSamples {
  ticks: Tick[];
  calls: { result: CallResult; startedEpoch: number; turns: EngineTurn[] }[];
  workerCpu: { cpu: NodeJS.CpuUsage; rss: number; lag: { p99: number; max: number } }[];
  idleServerRss: number;
}

export interface ReportInput {
  options: LoadOptions;
  runDir: string;
  scripts: readonly CallScript[];
  bindings: readonly Binding[];
  calibration: { chains: Map<string, Provider[][]>; frames: Map<string, number>; calls: number };
  samples: RunSamples;
  spans: readonly ProviderSpan[];
  /** The fakes process's event-loop delay (ms), when it told. */
  fakesLag: Lag | null;
  endOfTurnMs: number;
  expectedRecords: number;
  webhook: ReceiverStats | undefined;
  inboxCount: number;
  metricsIdle: string;
  metricsAfter: string;
  resourcesIdle: Record<string, number>;
  resourcesAfter: Record<string, number>;
  logs: { server: string; fakes: string };
}

export type LoadReport = ReturnType<typeof buildReport>;

const countBy = (xs: string[]) =>
  xs.reduce<Record<string, number>>((a, x) => ((a[x] = (a[x] ?? 0) + 1), a), {});
const r1 = (x: number) => Math.round(x * 10) / 10;
const worst = (xs: number[]) => r1(Math.max(...xs.filter(Number.isFinite)));
const lagText = (l: Lag | null | undefined) => (l ? `${l.p99} (max ${l.max})` : '–');
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/**
 * Engine-added time split at the recognizer, over turns that got an STT span: until it had the
 * caller's last voiced audio, and the rest after its final.
 */
function splitAtRecognizer(turns: readonly { engineMs: number; toRecognizerMs?: number }[]) {
  const toRecognizer = new Histogram();
  const afterFinal = new Histogram();
  for (const t of turns) {
    if (t.toRecognizerMs === undefined) continue;
    toRecognizer.add(t.toRecognizerMs);
    afterFinal.add(t.engineMs - t.toRecognizerMs);
  }
  return { toRecognizer, afterFinal };
}

/** CPU seconds of the server over the sampled ticks (each tick: % of a core since the one before). */
function serverCpuSeconds(ticks: readonly Tick[]): number {
  let seconds = 0;
  for (let i = 1; i < ticks.length; i++)
    if (Number.isFinite(ticks[i].serverCpu))
      seconds += (ticks[i].serverCpu / 100) * ((ticks[i].t - ticks[i - 1].t) / 1000);
  return seconds;
}

/** Media frames the server handled: Twilio sends one per 20 ms of call, plus every frame we sent. */
function framesHandled(calls: readonly CallResult[]): number {
  return calls.reduce((a, c) => a + c.durationMs / 20 + c.frames, 0);
}

function steadyTicks(ticks: Tick[], lines: number): Tick[] {
  const full = ticks.filter((t) => t.active >= 0.95 * lines);
  if (full.length > 0) return full;
  const peak = Math.max(0, ...ticks.map((t) => t.active));
  return ticks.filter((t) => t.active >= 0.9 * peak && t.active > 0);
}

/** Turns with their provider chains from calibration, attributed against the fakes' spans. */
function engineLatency(input: ReportInput) {
  const turns = input.samples.calls.flatMap((c) =>
    c.turns.map((t, j) => ({
      ...t,
      turn: j,
      mark: {
        ...t.mark,
        providers: input.calibration.chains.get(c.result.flowId)?.[j] ?? ['stt', 'llm', 'tts'],
      },
    })),
  );
  const attributed = attributeRun(turns, input.spans, input.endOfTurnMs);
  const engine = new Histogram();
  const total = new Histogram();
  const perTurn = new Map<string, Histogram>();
  for (const a of attributed) {
    engine.add(a.engineMs);
    total.add(a.totalMs);
    const key = `${a.flowId}#${a.turn}`;
    if (!perTurn.has(key)) perTurn.set(key, new Histogram());
    perTurn.get(key)?.add(a.engineMs);
  }
  const byTurn = Object.fromEntries(
    [...perTurn].map(([k, h]) => [k, { p50: h.summary().p50, p99: h.summary().p99, n: h.count }]),
  );
  return { attributed, engine, total, byTurn, split: splitAtRecognizer(attributed) };
}

function drift(
  input: ReportInput,
  attributed: readonly { at: number; engineMs: number; toRecognizerMs?: number }[],
) {
  const every = (input.options.sampleEveryS ?? 30) * 1000;
  const ticks = input.samples.ticks;
  if (ticks.length === 0) return [];
  const t0 = ticks[0].t;
  const windows: {
    atS: number;
    active: number;
    serverRssMb: number;
    heapMb: number;
    engineP99: number;
    /** The split at the recognizer (see latency.engineAddedSplitMs), turns with an STT span. */
    toRecognizerP50: number;
    toRecognizerP99: number;
    afterFinalP50: number;
    afterFinalP99: number;
    turns: number;
    load1: number;
    serverLagP99Ms: number;
    serverLagMaxMs: number;
  }[] = [];
  for (let from = t0; from < ticks[ticks.length - 1].t; from += every) {
    const inWin = ticks.filter((t) => t.t >= from && t.t < from + every);
    const inTurns = attributed.filter((a) => a.at >= from && a.at < from + every);
    const h = new Histogram();
    for (const a of inTurns) h.add(a.engineMs);
    const { toRecognizer, afterFinal } = splitAtRecognizer(inTurns);
    const heap = inWin.map((t) => t.heapUsed).filter(Number.isFinite);
    windows.push({
      atS: Math.round((from - t0) / 1000),
      active: Math.round(mean(inWin.map((t) => t.active))),
      serverRssMb: r1(mean(inWin.map((t) => t.serverRss)) / 1048576),
      heapMb: r1(mean(heap) / 1048576),
      engineP99: r1(h.quantile(0.99)),
      toRecognizerP50: r1(toRecognizer.quantile(0.5)),
      toRecognizerP99: r1(toRecognizer.quantile(0.99)),
      afterFinalP50: r1(afterFinal.quantile(0.5)),
      afterFinalP99: r1(afterFinal.quantile(0.99)),
      turns: h.count,
      load1: r1(mean(inWin.map((t) => t.load1))),
      serverLagP99Ms: worst(inWin.map((t) => t.serverLagP99Ms)),
      serverLagMaxMs: worst(inWin.map((t) => t.serverLagMaxMs)),
    });
  }
  return windows;
}

export function buildReport(input: ReportInput) {
  const { options: o, samples } = input;
  const calls = samples.calls.map((c) => c.result);
  const ok = calls.filter((c) => c.ok);
  const errorsByCode: Record<string, number> = {};
  for (const c of calls) if (c.error) errorsByCode[c.error] = (errorsByCode[c.error] ?? 0) + 1;
  const { attributed, engine, total, byTurn, split } = engineLatency(input);
  const greeting = new Histogram();
  const jitter = new Histogram();
  let late = 0;
  let missing = 0;
  for (const c of calls) {
    if (c.greetingMs !== undefined) greeting.add(c.greetingMs);
    jitter.merge(c.jitter);
    late += c.lateFrames;
    const ref = input.calibration.frames.get(c.flowId);
    if (c.ok && ref !== undefined && c.frames < ref) missing += ref - c.frames;
  }
  const steady = steadyTicks(samples.ticks, o.calls);
  const steadyActive = mean(steady.map((t) => t.active));
  const steadyRss = mean(steady.map((t) => t.serverRss));
  const log = summarizeServerLog(input.logs.server);
  const canaries = [...new Set(input.scripts.flatMap((s) => s.canaries))];
  const wall =
    samples.ticks.length > 1
      ? (samples.ticks[samples.ticks.length - 1].t - samples.ticks[0].t) / 1000
      : Number.NaN;
  const workerCpuSeconds = samples.workerCpu.map((w) => (w ? (w.cpu.user + w.cpu.system) / 1e6 : Number.NaN));
  const report = {
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? '?',
      memGb: r1(totalmem() / 2 ** 30),
      node: process.version,
    },
    options: { ...o, log: undefined },
    flows: input.scripts.map((s) => ({
      flow: s.flowId,
      scenario: s.scenario,
      turns: s.turns.length,
      delivery: s.delivery,
    })),
    calls: {
      placed: calls.length,
      completed: ok.length,
      completedByFlow: countBy(ok.map((c) => c.flowId)),
      failed: calls.length - ok.length,
      errorsByCode,
      calibration: input.calibration.calls,
      meanDurationS: r1(mean(ok.map((c) => c.durationMs)) / 1000),
    },
    latency: {
      engineAddedMs: engine.summary(),
      callerObservedMs: total.summary(),
      endOfTurnMs: input.endOfTurnMs,
      engineAddedByTurn: byTurn,
      /**
       * Engine-added time split at the recognizer: until it had the caller's last voiced audio
       * (line, the server's wait for the frame after it, gRPC), and after its final (gRPC back, flow, first frame out, line).
       */
      engineAddedSplitMs: {
        toRecognizer: split.toRecognizer.summary(),
        afterFinal: split.afterFinal.summary(),
      },
      /**
       * The server's event-loop delay p99 and max in its worst scrape window (`--sample-every`,
       * worst process; prom-client starts afresh at each scrape): high = waiting for a CPU or a
       * blocking task. `drift` has it per window.
       */
      serverEventLoopLagP99Ms: worst(samples.ticks.map((t) => t.serverLagP99Ms)),
      serverEventLoopLagMaxMs: worst(samples.ticks.map((t) => t.serverLagMaxMs)),
      providerChains: Object.fromEntries(input.calibration.chains),
      spans: input.spans.length,
      serverSelfMeasured: {
        count: metricSum(input.metricsAfter, 'callflow_engine_latency_seconds_count'),
        meanMs: r1(
          (metricSum(input.metricsAfter, 'callflow_engine_latency_seconds_sum') /
            metricSum(input.metricsAfter, 'callflow_engine_latency_seconds_count')) *
            1000,
        ),
      },
    },
    greetingMs: greeting.summary(),
    frames: {
      received: calls.reduce((a, c) => a + c.frames, 0),
      clears: calls.reduce((a, c) => a + (c.clears ?? 0), 0),
      jitterMs: jitter.summary(),
      late,
      missing,
      reference: Object.fromEntries(input.calibration.frames),
    },
    cpu: {
      wallS: r1(wall),
      serverPctMean: r1(mean(steady.map((t) => t.serverCpu))),
      serverPctMax: Math.max(...samples.ticks.map((t) => t.serverCpu).filter(Number.isFinite)),
      fakesPctMean: r1(mean(steady.map((t) => t.fakesCpu))),
      workersPct: workerCpuSeconds.map((s) => r1((s / wall) * 100)),
      /**
       * Server CPU per media frame, inbound and outbound together, everything included (webhooks,
       * flows, providers, records): CPU over the run / (inbound frames = call time / 20 ms +
       * frames received). Compare with \`npm run bench -- floor\` (per direction, against a relay).
       */
      serverUsPerFrame: r1((serverCpuSeconds(samples.ticks) * 1e6) / framesHandled(calls)),
      /** Callers' event-loop delay p99/max (ms): a late caller clock inflates latency and jitter. */
      workersLagMs: samples.workerCpu.map((w) => w?.lag ?? null),
      /** The fakes' event-loop delay p99/max (ms): a late fake delays audio and answers like a slow network. */
      fakesLagMs: input.fakesLag,
    },
    memory: {
      idleServerRssMb: r1(samples.idleServerRss / 1048576),
      steadyServerRssMb: r1(steadyRss / 1048576),
      peakServerRssMb: r1(Math.max(...samples.ticks.map((t) => t.serverRss)) / 1048576),
      steadyActiveCalls: Math.round(steadyActive),
      kbPerActiveCall: r1((steadyRss - samples.idleServerRss) / 1024 / steadyActive),
    },
    records: {
      expected: input.expectedRecords,
      acceptedByServer: log.recordsAccepted,
      recordErrors: log.recordErrors,
      webhook: input.webhook ?? null,
      inboxViaApi: input.inboxCount,
      inboxApiCap: 500,
      deliveriesMetric: Object.fromEntries(
        metricValues(input.metricsAfter, 'callflow_deliveries_total').map((v) => [v.labels, v.value]),
      ),
    },
    errors: {
      serverLogByCode: log.byCode,
      nonJsonLogLines: log.nonJson,
      providerErrorsMetric: Object.fromEntries(
        metricValues(input.metricsAfter, 'callflow_provider_errors_total').map((v) => [v.labels, v.value]),
      ),
    },
    leaks: {
      activeCallsAfter: metricSum(input.metricsAfter, 'callflow_active_calls'),
      resourcesIdle: input.resourcesIdle,
      resourcesAfter: input.resourcesAfter,
    },
    load: {
      mean: r1(mean(samples.ticks.map((t) => t.load1))),
      max: Math.max(...samples.ticks.map((t) => t.load1)),
    },
    drift: drift(input, attributed),
    canaries,
    canaryHits: scanLogs([input.logs.server, input.logs.fakes, join(input.runDir, 'workers.log')], canaries),
  };
  const goals = {
    engineP99Under20ms: report.latency.engineAddedMs.p99 < 20,
    jitterP99Under5ms: report.frames.jitterMs.p99 < 5,
    noLostFrames: late === 0 && missing === 0,
    noLostRecords: log.recordsAccepted >= input.expectedRecords && (input.webhook?.duplicates ?? 0) === 0,
    under200KbPerCall: report.memory.kbPerActiveCall < 200,
    allCallsCompleted: ok.length === calls.length,
  };
  const full = { ...report, goals };
  writeFileSync(join(input.runDir, 'report.json'), JSON.stringify(full, null, 2));
  writeFileSync(
    join(input.runDir, 'latency-histogram.svg'),
    histogramSvg({
      title: `Engine-added latency per turn — ${o.calls} concurrent calls, ${o.database}`,
      histogram: engine,
      goalMs: 20,
    }),
  );
  return full;
}

export function formatTable(r: LoadReport): string {
  const rows: [string, string][] = [
    [
      'calls completed / placed',
      `${r.calls.completed} / ${r.calls.placed} (+${r.calls.calibration} calibration)`,
    ],
    ['errors by code (callers)', JSON.stringify(r.calls.errorsByCode)],
    [
      'engine-added ms p50/p95/p99/max',
      `${r.latency.engineAddedMs.p50} / ${r.latency.engineAddedMs.p95} / ${r.latency.engineAddedMs.p99} / ${r.latency.engineAddedMs.max} (n=${r.latency.engineAddedMs.count})`,
    ],
    ['caller-observed ms p50/p99', `${r.latency.callerObservedMs.p50} / ${r.latency.callerObservedMs.p99}`],
    [
      'engine-added p50/p99: to recognizer | after final',
      `${r.latency.engineAddedSplitMs.toRecognizer.p50} / ${r.latency.engineAddedSplitMs.toRecognizer.p99} | ${r.latency.engineAddedSplitMs.afterFinal.p50} / ${r.latency.engineAddedSplitMs.afterFinal.p99}`,
    ],
    ['first greeting ms p50/p99/max', `${r.greetingMs.p50} / ${r.greetingMs.p99} / ${r.greetingMs.max}`],
    [
      'frame jitter ms p50/p99/max',
      `${r.frames.jitterMs.p50} / ${r.frames.jitterMs.p99} / ${r.frames.jitterMs.max}`,
    ],
    [
      'frames received / late / missing / clears',
      `${r.frames.received} / ${r.frames.late} / ${r.frames.missing} / ${r.frames.clears}`,
    ],
    [
      'event-loop delay p99 ms server / workers / fakes',
      `${lagText({ p99: r.latency.serverEventLoopLagP99Ms, max: r.latency.serverEventLoopLagMaxMs })} / ${r.cpu.workersLagMs.map(lagText).join(', ')} / ${lagText(r.cpu.fakesLagMs)}`,
    ],
    [
      'CPU % server / fakes / workers',
      `${r.cpu.serverPctMean} (max ${r.cpu.serverPctMax}) / ${r.cpu.fakesPctMean} / ${r.cpu.workersPct.join(', ')}`,
    ],
    ['server CPU µs per frame (in + out, all work)', String(r.cpu.serverUsPerFrame ?? '–')],
    [
      'server RSS idle / steady / peak MB',
      `${r.memory.idleServerRssMb} / ${r.memory.steadyServerRssMb} / ${r.memory.peakServerRssMb}`,
    ],
    ['KB per active call', `${r.memory.kbPerActiveCall} (at ${r.memory.steadyActiveCalls} active)`],
    [
      'records expected / accepted',
      `${r.records.expected} / ${r.records.acceptedByServer}; webhook ${JSON.stringify(r.records.webhook)}; inbox (API, cap 500) ${r.records.inboxViaApi}`,
    ],
    ['server warn/error by code', JSON.stringify(r.errors.serverLogByCode)],
    [
      'after the calls',
      `active ${r.leaks.activeCallsAfter}; resources ${JSON.stringify(r.leaks.resourcesAfter)} (idle ${JSON.stringify(r.leaks.resourcesIdle)})`,
    ],
    ['load average mean / max', `${r.load.mean} / ${r.load.max}`],
    ['canary hits in logs', String(r.canaryHits.length)],
    [
      'goals',
      Object.entries(r.goals)
        .map(([k, v]) => `${k}=${v ? 'yes' : 'NO'}`)
        .join(' '),
    ],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}
