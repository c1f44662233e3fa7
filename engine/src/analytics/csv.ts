// CSV export of the analytics for spreadsheets: semicolon-separated with a UTF-8 byte-order
// mark and German headers (German Excel opens it as is; the decimal comma never clashes).
// One row per day and node; a day with fewer than 5 calls is one row with "< 5" and nothing else
// (the rule applies per version and day, as in report.ts: a version's 1–4 calls are left out).
import { addCounter, totalsByDay, visibleAggregates } from './report';
import type { StoredCounter, StoredDay } from './repository';
import { emptyCounts, type NodeCounts } from './summary';
import { DURATION_BOUNDS_S, quantile } from './histogram';

/** Column headers (German; English meaning in the README). */
export const CSV_HEADERS = [
  'Tag',
  'Anrufe',
  'Zugestellt',
  'Weitergeleitet',
  'Aufgelegt',
  'Fehlgeschlagen',
  'Dauer Median (s)',
  'Dauer p90 (s)',
  'Knoten',
  'Erreicht',
  'Ausgänge',
  'Wiederholungen',
  'Stille',
  'Mensch verlangt',
  'Auslöser',
  'Aufgelegt hier',
  'Ersatzweg',
  'Fragen beantwortet (je Eintrag)',
  'Fragen offen',
] as const;

function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // Quote what a spreadsheet would split or evaluate (formula injection).
  return /[;"\n\r]|^[=+\-@]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const pairs = (rec: Record<string, number>): string =>
  Object.entries(rec)
    .sort()
    .map(([k, n]) => `${k}=${n}`)
    .join(', ');

function nodeCells(node: string, n: NodeCounts): (string | number)[] {
  return [
    node,
    n.entered,
    pairs(n.left),
    n.reprompts,
    n.silences,
    n.humanRequested,
    pairs(n.triggers),
    n.hungUp,
    n.fallbacks,
    pairs(n.answered),
    n.unanswered,
  ];
}

export function analyticsCsv(days: readonly StoredDay[], counters: readonly StoredCounter[]): string {
  const lines = [CSV_HEADERS.join(';')];
  const v = visibleAggregates(days, counters);
  const byDay = totalsByDay(v.days);
  for (const day of v.allDays) {
    const t = byDay.get(day);
    if (!t) {
      lines.push([day, '< 5', ...new Array<string>(CSV_HEADERS.length - 2).fill('')].map(cell).join(';'));
      continue;
    }
    const dayCells = [
      day,
      t.calls,
      t.delivered,
      t.handedOff,
      t.hungUp,
      t.failed,
      quantile(t.duration, DURATION_BOUNDS_S, 0.5)?.value ?? null,
      quantile(t.duration, DURATION_BOUNDS_S, 0.9)?.value ?? null,
    ];
    const nodes = new Map<string, NodeCounts>();
    for (const c of v.counters)
      if (c.day === day) {
        if (!nodes.has(c.node)) nodes.set(c.node, emptyCounts());
        addCounter(nodes.get(c.node)!, c);
      }
    for (const [node, n] of [...nodes].sort(([a], [b]) => a.localeCompare(b)))
      lines.push([...dayCells, ...nodeCells(node, n)].map(cell).join(';'));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
