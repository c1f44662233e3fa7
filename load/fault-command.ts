// `npm run load -- --faults <profile> …`: a fault run (load/fault-run.ts) from the command line.
// Prints the Markdown table (load/fault-report.ts) and writes it beside faults-report.json;
// exit code 1 when any check found a problem.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFaultLoad } from './fault-run';
import { formatFaultReport } from './fault-report';
import { FAULT_PROFILES, faultProfile, isFaultProfileName } from './faults';
import type { FakeDelays } from './fakes-process';

export interface FaultCommandOptions {
  readonly profile: string;
  readonly calls: number;
  readonly rampS: number;
  readonly outDir: string;
  readonly delays?: FakeDelays;
  /** `short` for the load/flows probes, else copies of the example flows. */
  readonly flows?: 'examples' | 'short';
  readonly turnsPerCall?: number;
  readonly seed?: number;
  /** The command line, echoed into the Markdown so a reader can reproduce it. */
  readonly command?: string;
}

export async function runFaultCommand(o: FaultCommandOptions): Promise<number> {
  if (!isFaultProfileName(o.profile)) throw new Error(`--faults: one of ${FAULT_PROFILES.join(', ')}`);
  const flows = o.flows ?? 'examples';
  // An example call lasts about a minute with three lines; the probes about ten seconds.
  const callS = flows === 'short' ? 10 : 60;
  const report = await runFaultLoad({
    profile: faultProfile(o.profile, o.seed ?? 1),
    calls: o.calls,
    rampS: o.rampS,
    phaseS: o.rampS + callS,
    flows,
    outDir: o.outDir,
    handoffEvery: 7,
    callBoundS: callS * 3,
    drainS: 15,
    ...(o.turnsPerCall !== undefined ? { turnsPerCall: o.turnsPerCall } : {}),
    ...(o.delays ? { delays: o.delays } : {}),
  });
  const markdown = formatFaultReport(report, o.command);
  writeFileSync(join(o.outDir, 'faults-report.md'), `${markdown}\n`);
  process.stdout.write(`${markdown}\n\nreport: ${join(o.outDir, 'faults-report.json')}\n`);
  return report.problems.length === 0 ? 0 : 1;
}
