// The media path against its physical floor (issue 25): a relay that does the least a voice
// server must do (bench/floor/relay-process.ts) and the product (dist/server.js on the vendor
// fakes) under the same simulated callers in the same run, level by level, alternating. Figures:
// server CPU µs per inbound and per outbound frame, memory per call after a full GC, and the
// ratio product/relay. Levels: FLOOR_BENCH_CALLS (default 100,300).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login, provision } from '../load/provision';
import { loadAverage, metricSum, scrapeMetrics } from '../load/sampler';
import type { CallScript } from '../load/scripts';
import { killAllChildren, ROOT, startStack, type Stack } from '../load/stack';
import { freePort } from '../test/harness/free-port';
import { measureLevel, type FloorTarget, type LevelResult } from './floor/measure';

export const name = 'floor';
export const title =
  'Media path against its floor: CPU per frame and memory per call, product vs. a bare relay';

const FLOW_FILE = join(ROOT, 'bench/floor/floor.flow.json');
const NUMBER = '+4930555' + '1000';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startProduct(runDir: string): Promise<{ stack: Stack; target: FloorTarget }> {
  const inspectPort = await freePort();
  const stack = await startStack({
    runDir,
    delays: { stt: 300, llm: 400, tts: 150 },
    phrases: [],
    serverEnv: { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` },
  });
  const api = await login(stack.serverUrl, stack.admin.email, stack.admin.password);
  const script: CallScript = {
    flowId: 'bodenprobe',
    flowFile: FLOW_FILE,
    scenario: 'floor',
    turns: [],
    delivery: 'inbox',
    zeroPersistence: false,
    canaries: [],
  };
  const [binding] = await provision(api, [script], undefined);
  const target: FloorTarget = {
    name: 'product',
    pid: stack.serverPid,
    inspectPort,
    serverUrl: stack.serverUrl,
    publicBaseUrl: stack.publicBaseUrl,
    authToken: stack.twilio.authToken,
    to: binding.number,
    async settled() {
      for (let i = 0; i < 120; i++) {
        if (metricSum(await scrapeMetrics(stack.serverUrl), 'callflow_active_calls') === 0) return;
        await sleep(500);
      }
    },
  };
  return { stack, target };
}

async function startRelay(
  googleEndpoint: string,
  speakMs: number,
): Promise<{ child: ChildProcess; target: FloorTarget }> {
  const inspectPort = await freePort();
  const publicBaseUrl = 'https://relay.load.invalid';
  const child = spawn(
    process.execPath,
    [
      `--inspect=127.0.0.1:${inspectPort}`,
      '--import',
      'tsx/esm',
      'bench/floor/relay-process.ts',
      JSON.stringify({ googleEndpoint, speakMs, publicBaseUrl }),
    ],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, METADATA_SERVER_DETECTION: 'none', NODE_ENV: 'production' },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('{"relay"'));
      if (line) resolve((JSON.parse(line) as { relay: { url: string } }).relay.url);
    });
    child.once('exit', (code) => reject(new Error(`relay exited (${code})`)));
  });
  const target: FloorTarget = {
    name: 'relay',
    pid: () => child.pid,
    inspectPort,
    serverUrl: url,
    publicBaseUrl,
    authToken: 'relay',
    to: NUMBER,
    settled: async () => void (await sleep(1000)),
  };
  return { child, target };
}

const kb = (bytes: number) => Math.round(bytes / 1024);
/** Outbound frames in the speaking window against real time for every call: < 100 % = the server fell behind. */
const onTime = (r: LevelResult) =>
  `${Math.round((r.frames.speak.outbound / (r.calls * ((r.frames.speak.to - r.frames.speak.from) / 20))) * 100)} %`;
const secs = (w: { from: number; to: number }) => ((w.to - w.from) / 1000).toFixed(1);
const us = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : '–');

function perCall(r: LevelResult): { heap: number; rss: number } {
  const { idle, active } = r.memory;
  return {
    heap: (active.heapUsed + active.external - idle.heapUsed - idle.external) / r.calls,
    rss: (active.rss - idle.rss) / r.calls,
  };
}

function row(r: LevelResult): string {
  const m = perCall(r);
  const f = r.frames;
  return `| ${r.calls} | ${r.target} | ${r.callers.connected - r.callers.closedEarly}/${r.calls} | ${us(f.inboundUs)} | ${us(f.outboundUs)} | ${kb(m.heap)} | ${kb(m.rss)} | ${secs(f.listen)} / ${secs(f.speak)} s: ${f.listen.inbound} / ${f.speak.outbound} (${onTime(r)}) | ${r.callers.cpuSeconds.toFixed(1)} | ${r.loadAverage.map((l) => l.toFixed(1)).join(' → ')} |`;
}

function ratioRow(product: LevelResult, relay: LevelResult): string {
  const p = perCall(product);
  const r = perCall(relay);
  return `| ${product.calls} | **product / relay** | | **${ratio(product.frames.inboundUs, relay.frames.inboundUs)}** | **${ratio(product.frames.outboundUs, relay.frames.outboundUs)}** | **${ratio(p.heap, r.heap)}** | **${ratio(p.rss, r.rss)}** | | | |`;
}

export async function run(): Promise<{ markdown: string }> {
  const levels = (process.env.FLOOR_BENCH_CALLS ?? '100,300').split(',').map(Number);
  const runDir = mkdtempSync(join(tmpdir(), 'callflow-floor-'));
  const loadStart = loadAverage();
  let relayChild: ChildProcess | undefined;
  let stack: Stack | undefined;
  const results: { relay: LevelResult; product: LevelResult }[] = [];
  try {
    const product = await startProduct(runDir);
    stack = product.stack;
    // Calibration: one lone call warms the product and tells how long its prompts play.
    const lone = await measureLevel(product.target, 1);
    const speakMs = Math.round((lone.frames.speak.to - lone.frames.speak.from + 600) / 100) * 100;
    // The relay speaks a little longer: its calls start while it opens 300 gRPC streams, and the
    // window in which all of them speak must not shrink to nothing.
    const relay = await startRelay(stack.fakes.googleEndpoint, speakMs + 4000);
    relayChild = relay.child;
    await measureLevel(relay.target, 1);
    for (const calls of levels) {
      const r = await measureLevel(relay.target, calls);
      process.stdout.write(`${row(r)}\n`);
      const p = await measureLevel(product.target, calls);
      process.stdout.write(`${row(p)}\n`);
      results.push({ relay: r, product: p });
    }
    return { markdown: markdown(results, speakMs, loadStart) };
  } finally {
    relayChild?.kill('SIGTERM');
    await stack?.stop(5000);
    killAllChildren();
    rmSync(runDir, { recursive: true, force: true });
  }
}

function markdown(
  results: readonly { relay: LevelResult; product: LevelResult }[],
  speakMs: number,
  loadStart: number,
): string {
  const lines = [
    `Command: \`FLOOR_BENCH_CALLS=${results.map((r) => r.relay.calls).join(',')} npm run bench -- floor\`. Load average at the start: ${loadStart.toFixed(1)} (2 cores; other work shares them, so compare product and relay **in the same row pair**, not across runs).`,
    '',
    `Same callers for both (one process, one shared 20 ms tick): signed webhook, media socket, all \`start\`s at once; the server speaks (the product: the cached disclosure and question of \`bench/floor/floor.flow.json\`, ${(speakMs / 1000).toFixed(1)} s; the relay: one pre-encoded frame per 20 ms, 4 s longer), then listens to silence. **Relay** (\`bench/floor/relay-process.ts\`): parse Twilio's message, decode, forward in 100 ms requests to a gRPC stream on the Google fake (same SDK, retries off), send back. **Product**: \`dist/server.js\` with SQLite on the vendor fakes. CPU from \`/proc/<pid>/stat\`: per inbound frame = CPU of the listening window / frames; per outbound frame = (CPU of the speaking window − its inbound frames at that rate) / outbound frames. Memory after two full GCs through the inspector, (all calls listening − idle) / calls. The split into inbound and outbound holds only while the server keeps up: when the out-vs-real-time figure falls well below 100 % (or a figure turns negative), the server was saturated — by its own work or by the machine's load — and that row's per-frame figures are not a measurement.`,
    '',
    '| calls | server | on the line | µs / inbound frame | µs / outbound frame | KB / call (heap + external) | KB / call (RSS) | windows listen / speak: frames in / out (out vs. real time) | callers CPU s | load avg |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const { relay, product } of results) lines.push(row(relay), row(product), ratioRow(product, relay));
  return lines.join('\n');
}
