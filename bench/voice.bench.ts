/**
 * The voice pipeline's own latency (issue 6): engine-added latency per caller turn at 1, 50 and
 * 200 concurrent calls, and `start` → first greeting frame with the prompt cache warm.
 * Engine-added = (first answer frame at the caller − the caller's last voiced frame sent) − the
 * providers' own delays in that turn, measured at the fakes (test/harness/latency.ts). The fakes
 * run with realistic delays; the real server, the fakes and the callers each run in their own
 * processes (the load harness, load/run.ts), so the callers' and fakes' CPU does not land on
 * the server's event loop. Goals: p99 < 20 ms (one Twilio frame) at 200 calls; greeting < 20 ms.
 * `VOICE_BENCH_CALLS=1,50` runs fewer levels; `VOICE_BENCH_CPU_PROF=1` profiles the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadReport } from '../load/report';
import { DEFAULT_TURN_TAKING } from '../engine/src/runtime/turn-taking';
import { runLoad } from '../load/run';

export const name = 'voice';
export const title = 'Voice pipeline: engine-added latency per turn and time to the greeting';

/** Realistic vendor delays (protocols.md, Twilio's latency guide): STT final, LLM answer, TTS first byte. */
const DELAYS = { stt: 300, llm: 400, tts: 150 };
/** The scenario's answers are all complete: the runtime acts on them after this wait (turn-taking.ts). */
const END_OF_TURN_MS = DEFAULT_TURN_TAKING.completeWaitMs;
const FLOW = 'arztpraxis';

interface Level {
  readonly calls: number;
  readonly report: LoadReport;
  readonly load1: number;
  /** The server's own event-loop delay during the run (prom-client, from its /metrics): worst p99 and max per 2 s. */
  readonly loopLag: { p99: number; max: number };
}

/** Polls the server's /metrics (loopback, CALLFLOW_METRICS=1 in the load stack) for event-loop delay. */
function loopLagPoller() {
  let url: string | undefined;
  const lag = { p99: 0, max: 0 };
  const read = (text: string, metric: string) =>
    Number(
      new RegExp(`^callflow_process_nodejs_eventloop_lag_${metric}_seconds (\\S+)$`, 'm').exec(text)?.[1] ??
        NaN,
    ) * 1000;
  const timer = setInterval(() => {
    if (!url) return;
    void fetch(`${url}/metrics`)
      .then((r) => r.text())
      .then(
        (text) => {
          const p99 = read(text, 'p99');
          const max = read(text, 'max');
          if (Number.isFinite(p99)) lag.p99 = Math.max(lag.p99, p99);
          if (Number.isFinite(max)) lag.max = Math.max(lag.max, max);
        },
        () => undefined,
      );
  }, 2000);
  return {
    onLog: (line: string) =>
      void (url = /stack up: server (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? url),
    stop: () => (clearInterval(timer), lag),
  };
}

async function level(calls: number, cpuProf: boolean): Promise<Level> {
  const outDir = mkdtempSync(join(tmpdir(), `callflow-voice-bench-${calls}-`));
  const ramp = Math.max(1, Math.ceil(calls / 20));
  try {
    // Every line places one call; the ramp is short against a call's length (~1 min), so all
    // `calls` calls are live at once for most of the run.
    const lag = loopLagPoller();
    const report = await runLoad({
      calls,
      rampS: ramp,
      durationS: ramp + 20,
      callsPerLine: 1,
      flows: [FLOW],
      workers: calls >= 50 ? 2 : 1,
      database: 'sqlite',
      delays: DELAYS,
      outDir,
      endOfTurnMs: END_OF_TURN_MS,
      cpuProf,
      log: (line) => (lag.onLog(line), process.stderr.write(`  [${calls}] ${line}\n`)),
    });
    return { calls, report, load1: loadavg()[0], loopLag: lag.stop() };
  } finally {
    if (!cpuProf) rmSync(outDir, { recursive: true, force: true });
    else process.stderr.write(`  [${calls}] CPU profile kept in ${outDir}\n`);
  }
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

function table(levels: readonly Level[]): string {
  const rows = levels.map(({ calls, report: r, load1, loopLag }) => {
    const e = r.latency.engineAddedMs;
    const incl = (x: number) => ms(x + END_OF_TURN_MS);
    const errors =
      Object.entries(r.calls.errorsByCode)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ') || 'none';
    return `| ${calls} | ${r.calls.completed}/${r.calls.placed} (${errors}) | ${e.count} | **${ms(e.p50)} / ${ms(e.p99)}** | ${ms(e.max)} | ${incl(e.p50)} / ${incl(e.p99)} | ${ms(r.latency.callerObservedMs.p50)} | ${ms(r.greetingMs.p50)} / ${ms(r.greetingMs.p99)} | ${r.cpu.serverPctMean} / ${r.cpu.fakesPctMean} / ${r.cpu.workersPct.join('+')} | ${ms(loopLag.p99)} / ${ms(loopLag.max)} | ${load1.toFixed(1)} |`;
  });
  return [
    '| concurrent calls | calls completed (errors) | turns | engine processing p50 / p99 (ms) | max | incl. end-of-turn window p50 / p99 | caller-observed p50 | `start` → greeting p50 / p99 (ms) | CPU % server / fakes / callers | server event-loop delay p99 / max (ms) | load avg (2 cores) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export async function run(): Promise<{ markdown: string }> {
  const wanted = (process.env.VOICE_BENCH_CALLS ?? '1,50,200')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const cpuProf = process.env.VOICE_BENCH_CPU_PROF === '1';
  const levels: Level[] = [];
  for (const calls of wanted) levels.push(await level(calls, cpuProf));
  const at200 = levels.find((l) => l.calls === 200);
  // The greeting goal is read where there are most samples (a lone call gives one, on cold code).
  const most = [...levels].sort((x, y) => y.report.greetingMs.count - x.report.greetingMs.count)[0];
  const greeting = most?.report.greetingMs;
  const goals = [
    at200
      ? `- Goal p99 engine processing < 20 ms at 200 calls: **${at200.report.latency.engineAddedMs.p99 < 20 ? 'met' : 'missed'}** (${ms(at200.report.latency.engineAddedMs.p99)} ms).`
      : '- 200 calls not run.',
    greeting
      ? `- Goal \`start\` → first greeting frame < 20 ms (warm cache): p50 **${greeting.p50 < 20 ? 'met' : 'missed'}**, p99 **${greeting.p99 < 20 ? 'met' : 'missed'}** (${ms(greeting.p50)} / ${ms(greeting.p99)} ms over ${greeting.count} calls at ${most.calls} concurrent).`
      : '',
  ];
  const markdown = [
    `Command: \`npm run bench -- voice\` (levels: \`VOICE_BENCH_CALLS=${wanted.join(',')}\`). Flow \`${FLOW}\` (its conversation test's spoken`,
    `scenario), fake delays STT ${DELAYS.stt} ms, LLM ${DELAYS.llm} ms, TTS first byte ${DELAYS.tts} ms; end-of-turn window ${END_OF_TURN_MS} ms. Server, fakes and`,
    'callers (1–2 worker processes) are separate processes on 127.0.0.1 (load/run.ts); the prompt cache is warm (publishing pre-warms it, and a',
    'calibration call runs first). **Engine processing** = caller-observed turn time (last voiced frame sent → first answer frame received)',
    "− the providers' own delays in that turn measured at the fakes (STT last voiced audio → final incl. its end-of-speech detection,",
    'LLM request → response, TTS request → first byte) − the end-of-turn window; the next column adds that window back.',
    '',
    table(levels),
    '',
    ...goals.filter(Boolean),
  ].join('\n');
  return { markdown };
}
