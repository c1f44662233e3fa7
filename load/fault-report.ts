// A fault run's report as Markdown (for bench/results/faults-<date>.md and the terminal):
// counts only — fallbacks taken, notes delivered/pending/gone, faults injected, scan result.
import type { FaultRunReport } from './fault-run';

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

export function formatFaultReport(r: FaultRunReport, command?: string): string {
  const e = r.endings;
  const rec = r.records;
  const injected = Object.entries(r.injected)
    .map(([fake, v]) => {
      const faults = ((v as { faults?: Record<string, number> }).faults ?? v) as Record<string, number>;
      const list = Object.entries(faults)
        .filter(([, n]) => typeof n === 'number' && n > 0)
        .map(([k, n]) => `${k} ${n}`);
      return `${fake}: ${list.length ? list.join(', ') : '–'}`;
    })
    .join('; ');
  const lines = [
    `### Fault profile \`${r.profile}\` — ${r.description}`,
    '',
    ...(command ? ['```sh', command, '```', ''] : []),
    row(['what', 'count']),
    row(['---', '---:']),
    row(['calls', e.calls]),
    row(['… caller said all its lines and hung up', e.byFallback['script-done']]),
    row([
      '… handed to a human (REST `<Dial>`): answered / no answer → flow resumed / apology',
      `${e.byFallback.handoff} (${e.handoffs.answered} / ${e.handoffs.resumed} / ${e.handoffs.apology})`,
    ]),
    row(['… engine said goodbye or apologised and hung up (REST)', e.byFallback.hangup]),
    row(['… engine closed the stream (Twilio continues with the apology TwiML)', e.byFallback.closed]),
    row(['… cut by the SIGKILL', e.byFallback['cut-by-crash']]),
    row(['… refused while the server restarted', e.byFallback['refused-while-down']]),
    row(['calls that hung (not ended by the engine within the bound)', e.hung]),
    row(['notes accepted (calls that ended away from the crash: ' + e.expectedNotes + ')', rec.accepted]),
    row([
      'stored notes delivered to the webhook (exactly once per key) / still pending / in the inbox',
      `${rec.stored.delivered} / ${rec.stored.pending} / ${rec.stored.inInbox}`,
    ]),
    row([
      'zero-persistence notes delivered / gone (never written)',
      `${rec.zeroPersistence.delivered} / ${rec.zeroPersistence.gone}`,
    ]),
    row([
      'receiver: keys filed / requests accepted / redeliveries / refused during outages',
      `${rec.receiver.filed} / ${rec.receiver.accepted} / ${rec.receiver.redeliveries} / ${r.webhookRefused}`,
    ]),
    row([
      'canary hits (run dir: logs, database, -wal, -shm) / canaries (inbox notes that carry the run canary)',
      `${r.scan.hits} / ${r.scan.canaries} (${r.scan.canaryInNotes ?? '–'})`,
    ]),
    row(['server log lines checked / not allow-listed', `${r.scan.logLines} / ${r.scan.invalidLogLines}`]),
    '',
    `Faults injected — ${injected}.`,
    `Events: ${r.events.map((ev) => `${ev.kind} @ ${(ev.atMs / 1000).toFixed(1)} s`).join(', ') || '–'}. Wall time ${r.wallS} s.`,
    '',
    r.problems.length === 0
      ? '**All checks passed.**'
      : `**${r.problems.length} problems:**\n${r.problems.map((p) => `- ${p}`).join('\n')}`,
  ];
  return lines.join('\n');
}
