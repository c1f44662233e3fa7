// One level of the floor benchmark against one server (the relay or the product): the callers
// process places N calls, all speak-then-listen in step; the server's CPU is sampled from /proc
// every 100 ms; after the listening window its memory is read after a full GC (inspector), then
// the callers hang up. Returns the per-frame figures and memory per call.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../load/stack';
import { loadAverage, readProc } from '../../load/sampler';
import type { CallersMessage, CallersResult, CallersTask } from './callers';
import { frameFigures, type CpuSample, type FrameFigures } from './figures';
import { memoryAfterGc, type MemoryReading } from './heap';

export interface FloorTarget {
  readonly name: 'relay' | 'product';
  readonly pid: () => number | undefined;
  readonly inspectPort: number;
  readonly serverUrl: string;
  readonly publicBaseUrl: string;
  readonly authToken: string;
  readonly to: string;
  /** Resolves once the server has no call left (between levels). */
  readonly settled: () => Promise<void>;
}

export interface LevelResult {
  readonly target: FloorTarget['name'];
  readonly calls: number;
  readonly callers: Pick<CallersResult, 'connected' | 'closedEarly'> & { readonly cpuSeconds: number };
  readonly frames: FrameFigures;
  /** After a full GC: idle, and with every call on the line. */
  readonly memory: { readonly idle: MemoryReading; readonly active: MemoryReading };
  readonly loadAverage: readonly [number, number];
}

/** Listening this long (after every call's prompts have played) before memory is read. */
export const LISTEN_MS = 8000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function measureLevel(target: FloorTarget, calls: number): Promise<LevelResult> {
  await target.settled();
  const idle = await memoryAfterGc(target.inspectPort);
  const load0 = loadAverage();
  const samples: CpuSample[] = [];
  const sample = () => {
    const p = readProc(target.pid());
    if (p) samples.push({ at: Date.now(), cpuSeconds: p.cpuSeconds });
  };
  const sampler = setInterval(sample, 100);
  const child = fork(join(ROOT, 'bench/floor/callers.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx/esm'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const task: CallersTask = {
      serverUrl: target.serverUrl,
      publicBaseUrl: target.publicBaseUrl,
      authToken: target.authToken,
      to: target.to,
      calls,
      rampMs: Math.max(1000, calls * 10),
    };
    const done = new Promise<CallersResult>((resolve, reject) => {
      child.on('message', (m: CallersMessage) => {
        if (m.type === 'quiet') {
          // After the prompts, a settling second, then the listening window; memory is read at its end.
          void sleep(m.at + 1000 + LISTEN_MS - Date.now()).then(async () => {
            sample();
            listenUntil = Date.now();
            active = await memoryAfterGc(target.inspectPort);
            child.send({ type: 'hangup' });
          });
        } else if (m.type === 'started') return;
        else if (m.type === 'done') resolve(m.result);
        else reject(new Error(`callers failed: ${m.error}`));
      });
      child.once('exit', (code) => reject(new Error(`callers exited (${code})`)));
    });
    let listenUntil = 0;
    let active: MemoryReading | undefined;
    child.send({ type: 'run', task });
    const result = await done;
    if (!active) throw new Error('no memory reading');
    return {
      target: target.name,
      calls,
      callers: {
        connected: result.connected,
        closedEarly: result.closedEarly,
        cpuSeconds: (result.cpu.user + result.cpu.system) / 1e6,
      },
      frames: frameFigures(result, samples, listenUntil),
      memory: { idle, active },
      loadAverage: [load0, loadAverage()],
    };
  } finally {
    clearInterval(sampler);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
