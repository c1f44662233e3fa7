// npm run load -- --calls N --ramp S --duration S --flow <id|file>[,…] [--workers K]
//   [--database sqlite|postgres] [--delays stt=300,llm=400,tts=150] [--out dir] [--faults profile]
//   [--cpu-prof] [--server-workers K (CALLFLOW_WORKERS of the server, default 1)] [--sample-every S] [--calibration-from <earlier report.json>] [--turn-timeout S]
// With --faults <profile> it is a fault run instead (load/fault-command.ts; correctness only):
//   [--fault-flows examples|short] [--fault-turns N] [--seed N]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { runFaultCommand } from './fault-command';
import { formatTable } from './report';
import { runLoad, type LoadOptions } from './run';

function delays(spec: string): LoadOptions['delays'] {
  const d = { stt: 300, llm: 400, tts: 150 };
  for (const part of spec.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!(k in d) || !Number.isFinite(Number(v))) throw new Error(`--delays: ${part}?`);
    d[k as keyof typeof d] = Number(v);
  }
  return d;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '10' },
      ramp: { type: 'string', default: '10' },
      duration: { type: 'string', default: '60' },
      flow: { type: 'string', default: 'arztpraxis,kanzlei' },
      workers: { type: 'string', default: '2' },
      database: { type: 'string', default: 'sqlite' },
      delays: { type: 'string', default: '' },
      out: { type: 'string' },
      faults: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'server-workers': { type: 'string', default: '1' },
      'sample-every': { type: 'string', default: '30' },
      'calibration-from': { type: 'string' },
      'turn-timeout': { type: 'string' },
      'fault-flows': { type: 'string', default: 'examples' },
      'fault-turns': { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const database = values.database === 'postgres' ? 'postgres' : 'sqlite';
  const out = values.out ?? join(tmpdir(), `callflow-load-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  if (values.faults) {
    process.exit(
      await runFaultCommand({
        profile: values.faults,
        calls: Number(values.calls),
        rampS: Number(values.ramp),
        outDir: out,
        delays: delays(values.delays),
        flows: values['fault-flows'] === 'short' ? 'short' : 'examples',
        seed: Number(values.seed),
        ...(values['fault-turns'] ? { turnsPerCall: Number(values['fault-turns']) } : {}),
        command: `npm run load -- ${process.argv.slice(2).join(' ')}`,
      }),
    );
  }
  const report = await runLoad({
    calls: Number(values.calls),
    rampS: Number(values.ramp),
    durationS: Number(values.duration),
    flows: values.flow.split(',').filter(Boolean),
    workers: Number(values.workers),
    database,
    delays: delays(values.delays),
    outDir: out,
    ...(values.faults ? { faults: values.faults } : {}),
    cpuProf: values['cpu-prof'],
    serverWorkers: Number(values['server-workers']),
    sampleEveryS: Number(values['sample-every']),
    ...(values['calibration-from'] ? { calibrationFrom: values['calibration-from'] } : {}),
    ...(values['turn-timeout'] ? { turnTimeoutMs: Number(values['turn-timeout']) * 1000 } : {}),
  });
  process.stdout.write(
    `\n${formatTable(report)}\n\nreport: ${join(out, 'report.json')}\nhistogram: ${join(out, 'latency-histogram.svg')}\n`,
  );
  process.exit(report.goals.allCallsCompleted ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`load: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
