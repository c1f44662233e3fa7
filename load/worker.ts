// A caller worker process (forked by run.ts): runs its share of the concurrent "lines". Line i
// starts at startAt + i/N · ramp and places scripted calls back to back until endAt; no call
// starts after endAt, calls in progress finish. Reports each finished call, progress every
// second (active, completed, errors, own CPU) and `done`, over IPC. Exits when done or when the
// parent goes away.
import process from 'node:process';
import { type Lag, loopDelayMeter } from './loop-delay';
import { runCall, type CallResult, type CallTarget } from './call-runner';
import type { CallScript } from './scripts';

export interface WorkerTask {
  readonly lines: readonly number[];
  /** Total lines of the run (for the ramp). */
  readonly totalLines: number;
  /** Epoch ms. */
  readonly startAt: number;
  readonly rampMs: number;
  readonly endAt: number;
  /** One per script, in script order; line i starts with script i mod length, then alternates. */
  readonly targets: readonly { readonly target: CallTarget; readonly script: CallScript }[];
  readonly turnTimeoutMs?: number;
  /** Stop after this many calls per line (calibration); default unbounded. */
  readonly callsPerLine?: number;
}

export type WorkerMessage =
  | {
      readonly type: 'call';
      readonly result: CallResult;
      readonly startedEpoch: number;
      readonly timeOrigin: number;
    }
  | {
      readonly type: 'progress';
      readonly active: number;
      readonly completed: number;
      readonly errors: number;
      readonly cpu: NodeJS.CpuUsage;
      readonly rss: number;
      readonly lag: Lag;
    }
  | { readonly type: 'done'; readonly cpu: NodeJS.CpuUsage; readonly rss: number; readonly lag: Lag };

/** This worker's event-loop delay: when it is high, the callers' clocks are late, not the engine. */
const lag = loopDelayMeter();

const send = (m: WorkerMessage) => process.send?.(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function runLine(
  task: WorkerTask,
  line: number,
  counters: { active: number; completed: number; errors: number },
): Promise<void> {
  await sleep(task.startAt + (line / task.totalLines) * task.rampMs - Date.now());
  for (let n = 0; Date.now() < task.endAt && n < (task.callsPerLine ?? Infinity); n++) {
    const { target, script } = task.targets[(line + n) % task.targets.length];
    counters.active++;
    const startedEpoch = Date.now();
    const result = await runCall(target, script, { turnTimeoutMs: task.turnTimeoutMs }).catch(
      (): CallResult => ({
        flowId: script.flowId,
        ok: false,
        error: 'harness_error',
        turns: [],
        frames: 0,
        lateFrames: 0,
        jitter: { bins: {}, count: 0, max: 0, sum: 0 },
        clears: 0,
        durationMs: 0,
      }),
    );
    counters.active--;
    counters.completed += result.ok ? 1 : 0;
    counters.errors += result.ok ? 0 : 1;
    send({ type: 'call', result, startedEpoch, timeOrigin: performance.timeOrigin });
  }
}

process.once('message', (task: WorkerTask) => {
  const counters = { active: 0, completed: 0, errors: 0 };
  const progress = setInterval(
    () =>
      send({
        type: 'progress',
        ...counters,
        cpu: process.cpuUsage(),
        rss: process.memoryUsage.rss(),
        lag: lag(),
      }),
    1000,
  );
  void Promise.all(task.lines.map((line) => runLine(task, line, counters))).then(() => {
    clearInterval(progress);
    // Exit only once the last message is out of the IPC channel.
    process.send?.(
      {
        type: 'done',
        cpu: process.cpuUsage(),
        rss: process.memoryUsage.rss(),
        lag: lag(),
      } satisfies WorkerMessage,
      () => process.exit(0),
    );
  });
});
process.on('disconnect', () => process.exit(0)); // the orchestrator went away
