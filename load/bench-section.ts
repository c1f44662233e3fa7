// Renders the `<!-- bench:load -->` section of BENCHMARKS.md from load runs' report.json files,
// so every published figure is copied by a program, not by hand:
//   npx tsx load/bench-section.ts --run <out>/report.json … [--soak <out>/report.json] [--notes file.md]
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';
import type { LoadReport } from './report';

const fmt = (x: number) => (Number.isFinite(x) ? String(x) : '–');

function commandOf(r: LoadReport): string {
  const o = r.options;
  const flows = o.flows.join(',');
  const d = o.delays;
  return `npm run load -- --calls ${o.calls} --ramp ${o.rampS} --duration ${o.durationS} --flow ${flows} --workers ${o.workers} --database ${o.database} --delays stt=${d.stt},llm=${d.llm},tts=${d.tts}${o.cpuProf ? ' --cpu-prof' : ''}${o.turnTimeoutMs ? ` --turn-timeout ${o.turnTimeoutMs / 1000}` : ''}${o.calibrationFrom ? ' --calibration-from <earlier report.json>' : ''}`;
}

function summaryRow(r: LoadReport): string {
  const e = r.latency.engineAddedMs;
  const errors = r.calls.failed + Object.values(r.errors.serverLogByCode).reduce((a, b) => a + b, 0) - 2; // two config warnings on every start
  return [
    r.options.database,
    r.options.calls,
    `${r.calls.completed}/${r.calls.placed}`,
    `${fmt(e.p50)} / ${fmt(e.p95)} / **${fmt(e.p99)}** / ${fmt(e.max)}`,
    `**${fmt(r.frames.jitterMs.p99)}**`,
    `${r.frames.late} / ${r.frames.missing}`,
    fmt(r.greetingMs.p99),
    `${fmt(r.cpu.serverPctMean)} / ${fmt(r.cpu.fakesPctMean)} / ${r.cpu.workersPct.map(fmt).join('+')}`,
    fmt(r.memory.kbPerActiveCall),
    `${r.records.acceptedByServer}/${r.records.expected}`,
    String(Math.max(0, errors)),
    `${r.load.mean} (max ${r.load.max})`,
  ].join(' | ');
}

function detail(r: LoadReport, file: string): string {
  const goals = Object.entries(r.goals)
    .map(([k, v]) => `${k} ${v ? '✓' : '✗'}`)
    .join(', ');
  return [
    `**${r.options.database}, N = ${r.options.calls}** — \`${commandOf(r)}\` (report: \`${file}\`)`,
    '',
    '| figure | value |',
    '|---|---|',
    `| calls completed / placed (+ calibration) | ${r.calls.completed} / ${r.calls.placed} (+${r.calls.calibration}); errors ${JSON.stringify(r.calls.errorsByCode)} |`,
    `| engine-added per turn, ms (n) p50/p95/p99/max | ${r.latency.engineAddedMs.p50} / ${r.latency.engineAddedMs.p95} / ${r.latency.engineAddedMs.p99} / ${r.latency.engineAddedMs.max} (${r.latency.engineAddedMs.count}) |`,
    `| caller-observed turn, ms p50/p99 (incl. providers + ${r.latency.endOfTurnMs} ms end-of-turn) | ${r.latency.callerObservedMs.p50} / ${r.latency.callerObservedMs.p99} |`,
    `| first greeting, ms p50/p99/max | ${r.greetingMs.p50} / ${r.greetingMs.p99} / ${r.greetingMs.max} |`,
    `| frame jitter, ms p50/p99/max (n) | ${r.frames.jitterMs.p50} / ${r.frames.jitterMs.p99} / ${r.frames.jitterMs.max} (${r.frames.jitterMs.count}) |`,
    `| frames received / late / missing | ${r.frames.received} / ${r.frames.late} / ${r.frames.missing} |`,
    `| CPU % of a core: server mean (max) / fakes / workers | ${r.cpu.serverPctMean} (${r.cpu.serverPctMax}) / ${r.cpu.fakesPctMean} / ${r.cpu.workersPct.join(', ')} |`,
    `| server CPU µs per media frame (in + out, all work included) | ${r.cpu.serverUsPerFrame ?? '–'} |`,
    `| server RSS idle / steady / peak, MB; per active call | ${r.memory.idleServerRssMb} / ${r.memory.steadyServerRssMb} / ${r.memory.peakServerRssMb}; ${r.memory.kbPerActiveCall} KB at ${r.memory.steadyActiveCalls} active |`,
    `| records expected / accepted; webhook; inbox (API) | ${r.records.expected} / ${r.records.acceptedByServer}; ${JSON.stringify(r.records.webhook)}; ${r.records.inboxViaApi} |`,
    `| server warn/error lines by code | ${JSON.stringify(r.errors.serverLogByCode)} |`,
    `| after the calls: active calls; open resources (idle) | ${r.leaks.activeCallsAfter}; ${JSON.stringify(r.leaks.resourcesAfter)} (${JSON.stringify(r.leaks.resourcesIdle)}) |`,
    `| load average mean / max (2 cores, shared) | ${r.load.mean} / ${r.load.max} |`,
    `| canary hits in logs | ${r.canaryHits.length} |`,
    `| goals | ${goals} |`,
    '',
  ].join('\n');
}

function soak(r: LoadReport): string {
  const rows = r.drift.map(
    (d) =>
      `| ${d.atS} | ${d.active} | ${d.serverRssMb} | ${d.heapMb} | ${d.engineP99} | ${d.turns} | ${d.load1} |`,
  );
  return [
    '| t (s) | active | server RSS (MB) | heap used (MB) | engine-added p99 (ms) | turns | load avg |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}

const { values } = parseArgs({
  options: {
    run: { type: 'string', multiple: true, default: [] },
    soak: { type: 'string' },
    notes: { type: 'string' },
  },
});
const runs = values.run.map((f) => ({ f, r: JSON.parse(readFileSync(f, 'utf8')) as LoadReport }));
const out: string[] = [];
out.push(
  '| backend | N | calls done | engine-added ms p50 / p95 / **p99** / max | jitter p99 ms | late / missing frames | greeting p99 ms | CPU % server / fakes / workers | KB per call | records | errors | load avg |',
);
out.push('|---|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---|');
for (const { r } of runs) out.push(`| ${summaryRow(r)} |`);
out.push('');
for (const { f, r } of runs) out.push(detail(r, f));
if (values.soak) {
  const s = JSON.parse(readFileSync(values.soak, 'utf8')) as LoadReport;
  out.push(detail(s, values.soak), 'Drift over time (one row per 30 s window):', '', soak(s));
}
if (values.notes) out.push(readFileSync(values.notes, 'utf8'));
process.stdout.write(out.join('\n') + '\n');
