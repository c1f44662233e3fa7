// A load run end to end: scripts → fakes + server processes → provisioning → a calibration call
// per script (alone: learns each turn's provider chain and frame count) → K worker processes
// placing N concurrent calls → settle, leak check, logs → report. Bounded: workers are killed
// at endAt + the longest call; every child process group is killed on exit.
import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { DEFAULT_TURN_TAKING } from '../engine/src/runtime/turn-taking';
import { runCall, TURN_TIMEOUT_MS, type CallResult, type CallTarget } from './call-runner';
import { buildReport, type LoadReport, type RunSamples } from './report';
import { login, provision, type Binding } from './provision';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';
import type { ReceiverStats } from './report';
import {
  cpuPercent,
  loadAverage,
  metricSum,
  metricValues,
  readProc,
  readProcTree,
  scrapeMetrics,
  type ProcSample,
} from './sampler';
import { loadScript, PhraseBook } from './scripts';
import { killAllChildren, ROOT, startStack, type Stack } from './stack';
import { providerChains, type EngineTurn, type Provider, type ProviderSpan } from './turn-latency';
import type { FakeDelays, FakesConfig } from './fakes-process';
import type { Lag } from './loop-delay';
import type { WorkerMessage, WorkerTask } from './worker';

export interface LoadOptions {
  readonly calls: number;
  readonly rampS: number;
  readonly durationS: number;
  /** Example flow ids or flow files (each with its .test.json). */
  readonly flows: readonly string[];
  readonly workers: number;
  readonly database: 'sqlite' | 'postgres';
  readonly delays: FakeDelays;
  readonly outDir: string;
  /** Fault profile name (load/faults.ts), or the fakes' fault options directly. */
  readonly faults?: string | FakesConfig['faults'];
  readonly cpuProf?: boolean;
  /** CALLFLOW_WORKERS of the server under load (default 1). */
  readonly serverWorkers?: number;
  /** The runtime's end-of-turn wait after a complete answer (reported apart from engine latency); default the runtime's. */
  readonly endOfTurnMs?: number;
  /** Drift samples (memory, latency) every this many seconds. Default 30. */
  readonly sampleEveryS?: number;
  readonly turnTimeoutMs?: number;
  /** Lone calls per script before the load (provider chains, frame counts; publishing pre-warms the prompt cache, so one is warm). Default 1; 0 skips. */
  readonly calibrationCalls?: number;
  /** Reuse the calibration of an earlier run's report.json (same flows, fakes, delays). */
  readonly calibrationFrom?: string;
  /** Each line places at most this many calls (the short test: 1). Default: until the duration ends. */
  readonly callsPerLine?: number;
  readonly log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function resolveFaults(faults: LoadOptions['faults']): Promise<FakesConfig['faults']> {
  if (faults === undefined || typeof faults === 'object') return faults;
  // load/faults.ts (fault-injection work, issue 8 item 4) names the profiles.
  // Imported by path so this module does not depend on it at compile time.
  const mod = (await import(join(ROOT, 'load/faults.ts'))) as {
    isFaultProfileName(n: string): boolean;
    faultProfile(n: string): { fakes: FakesConfig['faults'] };
  };
  if (!mod.isFaultProfileName(faults)) throw new Error(`unknown fault profile ${faults}`);
  return mod.faultProfile(faults).fakes;
}

function targetOf(stack: Stack, b: Binding): CallTarget {
  return {
    serverUrl: stack.serverUrl,
    publicBaseUrl: stack.publicBaseUrl,
    authToken: stack.twilio.authToken,
    accountSid: stack.twilio.accountSid,
    number: b.number,
  };
}

/** `keyOf`: the phrase a turn said, in the fakes' span keys (its index in the phrase book). */
const toEpochTurns = (
  r: CallResult,
  timeOrigin: number,
  keyOf?: (flowId: string, turn: number) => string | undefined,
): EngineTurn[] =>
  r.turns
    .map((t, turn) => ({ t, turn }))
    .filter(({ t }) => Number.isFinite(t.answerAt))
    .map(({ t, turn }) => {
      const key = keyOf?.(r.flowId, turn);
      return {
        flowId: r.flowId,
        turn,
        mark: {
          lastVoicedSentAt: timeOrigin + t.speechEndAt,
          firstAnswerAt: timeOrigin + t.answerAt,
          ...(key !== undefined ? { key } : {}),
        },
      };
    });

async function fetchSpans(stack: Stack): Promise<ProviderSpan[]> {
  return (await fetch(`${stack.fakes.controlUrl}/spans`).then((r) => r.json())) as ProviderSpan[];
}

/** Lone calls per script: the last one (warm prompt cache) is the reference. */
async function calibrate(stack: Stack, bindings: readonly Binding[], endOfTurnMs: number, perScript: number) {
  const chains = new Map<string, Provider[][]>();
  const frames = new Map<string, number>();
  let calls = 0;
  for (const b of perScript > 0 ? bindings : []) {
    let last: CallResult | undefined;
    for (let i = 0; i < perScript; i++, calls++) last = await runCall(targetOf(stack, b), b.script);
    if (!last?.ok) throw new Error(`calibration call of ${b.script.flowId} failed: ${last?.error}`);
    await sleep(300);
    const marks = toEpochTurns(last, performance.timeOrigin).map((t) => t.mark);
    const spans = (await fetchSpans(stack)).filter((s) => s.start >= marks[0].lastVoicedSentAt - 5);
    chains.set(b.script.flowId, providerChains(marks, spans, endOfTurnMs));
    frames.set(b.script.flowId, last.frames);
  }
  return { chains, frames, calls };
}

/** Provider chains and frame counts are properties of the scripts and fakes, not of the run. */
function reuseCalibration(reportFile: string) {
  const r = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    latency: { providerChains: Record<string, Provider[][]> };
    frames: { reference: Record<string, number> };
  };
  return {
    chains: new Map(Object.entries(r.latency.providerChains)),
    frames: new Map(Object.entries(r.frames.reference)),
    calls: 0,
  };
}

function forkWorkers(
  o: LoadOptions,
  task: Omit<WorkerTask, 'lines'>,
  runDir: string,
  onMessage: (m: WorkerMessage, w: number) => void,
): { children: ChildProcess[]; done: Promise<void> } {
  const log = createWriteStream(join(runDir, 'workers.log'), { flags: 'a' });
  const k = Math.max(1, Math.min(o.workers, o.calls));
  const children: ChildProcess[] = [];
  const finished: Promise<void>[] = [];
  for (let w = 0; w < k; w++) {
    const lines = Array.from({ length: o.calls }, (_, i) => i).filter((i) => i % k === w);
    const child = fork(join(ROOT, 'load/worker.ts'), [], {
      cwd: ROOT,
      // With --cpu-prof the callers are profiled too: they share the box with the server.
      execArgv: [
        '--import',
        'tsx/esm',
        ...(o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', join(runDir, 'profile', 'callers')] : []),
      ],
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.on('message', (m: WorkerMessage) => onMessage(m, w));
    finished.push(new Promise((r) => child.once('exit', () => r())));
    child.send({ ...task, lines } satisfies WorkerTask);
    children.push(child);
  }
  return { children, done: Promise.all(finished).then(() => void log.end()) };
}

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const say = o.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const runDir = o.outDir;
  // A fresh directory per run: the data dir, the logs and the counts read from them are this run's.
  if (existsSync(runDir) && readdirSync(runDir).length > 0)
    throw new Error(`${runDir} is not empty: give each run its own --out`);
  mkdirSync(runDir, { recursive: true });
  const endOfTurnMs = o.endOfTurnMs ?? DEFAULT_TURN_TAKING.completeWaitMs;
  const book = new PhraseBook();
  const scripts = o.flows.map((f) => loadScript(f, book, join(ROOT, 'flows')));
  // Spans and turns name phrases by their index in the book, so no phrase (a canary may be one)
  // lands in a file. Computed once: `add` returns a known phrase's index.
  const phraseKeys = new Map(scripts.map((s) => [s.flowId, s.turns.map((t) => String(book.add(t.say)))]));
  const phraseKey = (flowId: string, turn: number): string | undefined => phraseKeys.get(flowId)?.[turn];
  const receiver: WebhookReceiver | undefined = scripts.some((s) => s.delivery === 'webhook')
    ? await startWebhookReceiver()
    : undefined;
  const onSignal = () => {
    killAllChildren();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stack = await startStack({
    runDir,
    delays: o.delays,
    phrases: book.list,
    database: o.database,
    faults: await resolveFaults(o.faults),
    cpuProf: o.cpuProf,
    ...(o.serverWorkers && o.serverWorkers > 1
      ? { serverEnv: { CALLFLOW_WORKERS: String(o.serverWorkers) } }
      : {}),
  });
  try {
    const api = await login(stack.serverUrl, stack.admin.email, stack.admin.password);
    const bindings = await provision(api, scripts, receiver?.url);
    say(
      `stack up: server ${stack.serverUrl} (pid ${stack.serverPid()}), fakes pid ${stack.fakesPid()}; calibrating…`,
    );
    const cal = o.calibrationFrom
      ? reuseCalibration(o.calibrationFrom)
      : await calibrate(stack, bindings, endOfTurnMs, o.calibrationCalls ?? 1);
    await sleep(1000);
    const idle = { proc: readProcTree(stack.serverPid()), metrics: await scrapeMetrics(stack.serverUrl) };

    const samples: RunSamples = {
      ticks: [],
      calls: [],
      workerCpu: [],
      idleServerRss: idle.proc?.rssBytes ?? 0,
    };
    const counters = new Map<number, { active: number; completed: number; errors: number }>();
    const startAt = Date.now() + 500;
    const endAt = startAt + o.durationS * 1000;
    const maxCallMs =
      (scripts.reduce((m, s) => Math.max(m, s.turns.length), 0) + 2) * (o.turnTimeoutMs ?? TURN_TIMEOUT_MS);
    say(
      `load: ${o.calls} lines over ${o.rampS}s ramp, ${o.durationS}s, ${o.workers} workers, ${o.database}; load average ${loadAverage()}`,
    );
    const workers = forkWorkers(
      o,
      {
        totalLines: o.calls,
        startAt,
        rampMs: o.rampS * 1000,
        endAt,
        turnTimeoutMs: o.turnTimeoutMs,
        callsPerLine: o.callsPerLine,
        targets: bindings.map((b) => ({ target: targetOf(stack, b), script: b.script })),
      },
      runDir,
      (m, w) => {
        if (m.type === 'call')
          samples.calls.push({
            result: m.result,
            startedEpoch: m.startedEpoch,
            turns: toEpochTurns(m.result, m.timeOrigin, phraseKey),
          });
        if (m.type === 'progress') counters.set(w, m);
        if (m.type !== 'call') samples.workerCpu[w] = { cpu: m.cpu, rss: m.rss, lag: m.lag };
      },
    );
    const hardStop = setTimeout(
      () => workers.children.forEach((c) => c.pid && process.kill(-c.pid, 'SIGKILL')),
      endAt - Date.now() + maxCallMs + 30_000,
    );
    let prev: { t: number; server?: ProcSample; fakes?: ProcSample } = {
      t: Date.now(),
      server: readProcTree(stack.serverPid()),
      fakes: readProc(stack.fakesPid()),
    };
    let lastProgress = 0;
    let lastDrift = 0;
    let running = true;
    void workers.done.then(() => (running = false));
    while (running) {
      await sleep(1000);
      const now = Date.now();
      const cur = { t: now, server: readProcTree(stack.serverPid()), fakes: readProc(stack.fakesPid()) };
      const secs = (cur.t - prev.t) / 1000;
      const sum = [...counters.values()].reduce(
        (a, c) => ({
          active: a.active + c.active,
          completed: a.completed + c.completed,
          errors: a.errors + c.errors,
        }),
        { active: 0, completed: 0, errors: 0 },
      );
      const tick = {
        t: now,
        active: sum.active,
        serverCpu: cpuPercent(prev.server, cur.server, secs),
        fakesCpu: cpuPercent(prev.fakes, cur.fakes, secs),
        serverRss: cur.server?.rssBytes ?? 0,
        load1: loadAverage(),
        metricsActive: Number.NaN,
        heapUsed: Number.NaN,
        serverLagP99Ms: Number.NaN,
        serverLagMaxMs: Number.NaN,
      };
      if (now - lastDrift >= (o.sampleEveryS ?? 30) * 1000) {
        lastDrift = now;
        const text = await scrapeMetrics(stack.serverUrl);
        tick.metricsActive = metricSum(text, 'callflow_active_calls');
        tick.heapUsed = metricSum(text, 'callflow_process_nodejs_heap_size_used_bytes');
        // prom-client resets the delay histogram at each scrape; /metrics gives the worst process.
        tick.serverLagP99Ms = metricSum(text, 'callflow_process_nodejs_eventloop_lag_p99_seconds') * 1000;
        tick.serverLagMaxMs = metricSum(text, 'callflow_process_nodejs_eventloop_lag_max_seconds') * 1000;
      }
      samples.ticks.push(tick);
      prev = cur;
      if (now - lastProgress >= 5000) {
        lastProgress = now;
        say(
          `t=${Math.round((now - startAt) / 1000)}s active ${sum.active} completed ${sum.completed} errors ${sum.errors} | server cpu ${tick.serverCpu}% rss ${Math.round(tick.serverRss / 1048576)} MB | load ${tick.load1}`,
        );
      }
    }
    clearTimeout(hardStop);
    say('calls finished; settling deliveries and checking for leaks…');
    const expectedRecords = samples.calls.filter((c) => c.result.ok).length + cal.calls;
    const settleUntil = Date.now() + 30_000;
    const acceptedNow = () =>
      import('./logs').then((m) => m.summarizeServerLog(stack.logs.server).recordsAccepted);
    while (Date.now() < settleUntil && (await acceptedNow()) < expectedRecords) await sleep(1000);
    await sleep(5000); // timers of finished calls (mark echoes, grace periods) run out
    const after = await scrapeMetrics(stack.serverUrl);
    const inbox = await api
      .json<{ calls: { flowId: string; txId: string }[] }>('GET', '/api/calls?limit=500')
      .catch(() => ({ calls: [] }));
    const spans = await fetchSpans(stack);
    const fakesLag = await fetch(`${stack.fakes.controlUrl}/stats`)
      .then((r) => r.json() as Promise<{ lag?: Lag }>)
      .then((st) => st.lag ?? null)
      .catch(() => null);
    // Raw timings (epoch ms, no caller content) for analyses the report does not make.
    writeFileSync(
      join(runDir, 'raw-turns.json'),
      JSON.stringify({ turns: samples.calls.flatMap((c) => c.turns), spans }),
    );
    const resources = (text: string) =>
      Object.fromEntries(
        metricValues(text, 'callflow_process_nodejs_active_resources').map((v) => [
          v.labels.replace(/^\{type="|"\}$/g, ''),
          v.value,
        ]),
      );
    await stack.stop();
    return buildReport({
      options: o,
      runDir,
      scripts,
      bindings,
      calibration: cal,
      samples,
      spans,
      fakesLag,
      endOfTurnMs,
      expectedRecords,
      webhook: receiver && receiverStats(receiver),
      inboxCount: inbox.calls.length,
      metricsIdle: idle.metrics,
      metricsAfter: after,
      resourcesIdle: resources(idle.metrics),
      resourcesAfter: resources(after),
      logs: stack.logs,
    });
  } finally {
    await stack.stop(2000);
    await receiver?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** What the report counts at the webhook: requests, notes filed (distinct keys), repeated keys. */
function receiverStats(receiver: WebhookReceiver): ReceiverStats {
  const s = receiver.stats();
  return { posts: s.accepted, unique: s.filed, duplicates: s.redeliveries };
}
