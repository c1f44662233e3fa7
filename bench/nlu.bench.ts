/**
 * Accuracy and speed of the deterministic understanding parsers (engine/src/flow/nlu).
 * Accuracy counts every table row, known misses included; speed is the median and p95 time of
 * one call, measured per row (the parsers run on every caller turn).
 */
import type { Case, Score, Table } from '../engine/src/flow/nlu/cases.js';
import { sameValue, score } from '../engine/src/flow/nlu/cases.js';
import { CHOICE_TABLE } from '../engine/src/flow/nlu/choice.cases.js';
import { DATETIME_TABLE } from '../engine/src/flow/nlu/datetime.cases.js';
import { EMAIL_TABLE } from '../engine/src/flow/nlu/email.cases.js';
import { HUMAN_TABLE } from '../engine/src/flow/nlu/human.cases.js';
import { KEYWORD_TABLE } from '../engine/src/flow/nlu/keywords.cases.js';
import { NAME_TABLE } from '../engine/src/flow/nlu/name.cases.js';
import { NUMBER_TABLE } from '../engine/src/flow/nlu/number.cases.js';
import { PHONE_TABLE } from '../engine/src/flow/nlu/phone.cases.js';
import { UTTERANCE_TABLES } from '../engine/src/flow/nlu/utterances.cases.js';
import { YESNO_TABLE } from '../engine/src/flow/nlu/yesno.cases.js';

export const name = 'nlu';
export const title = 'Deterministic understanding (nlu): accuracy and time per call';

// Each table has its own row type; the bench only runs rows and compares results.
const TABLES: readonly Table<Case<unknown>>[] = [
  YESNO_TABLE,
  PHONE_TABLE,
  DATETIME_TABLE,
  NAME_TABLE,
  EMAIL_TABLE,
  NUMBER_TABLE,
  KEYWORD_TABLE,
  CHOICE_TABLE,
  HUMAN_TABLE,
  ...UTTERANCE_TABLES,
];

const REPEAT = 25;
const ROUNDS = 5;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

/**
 * Microseconds per call. Each row runs REPEAT times in a batch, ROUNDS batches; a row's time is
 * the median of its batches (so one GC pause or a busy neighbour does not count), and the table
 * reports the median and p95 of those row times: the typical turn and the slow utterances.
 */
function timePerCall(table: Table<Case<unknown>>): { median: number; p95: number } {
  for (const c of table.cases) table.run(c); // warm-up: JIT and the time-zone offset cache
  const rowTimes: number[] = [];
  for (const c of table.cases) {
    const batches: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      for (let i = 0; i < REPEAT; i++) table.run(c);
      batches.push(((performance.now() - t0) * 1000) / REPEAT);
    }
    batches.sort((a, b) => a - b);
    rowTimes.push(percentile(batches, 0.5));
  }
  rowTimes.sort((a, b) => a - b);
  return { median: percentile(rowTimes, 0.5), p95: percentile(rowTimes, 0.95) };
}

const pct = (s: Score) => `${((100 * s.passed) / s.total).toFixed(1)} %`;
const us = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export async function run(): Promise<{ markdown: string }> {
  const rows: string[] = [];
  const misses: string[] = [];
  let passed = 0;
  let total = 0;
  for (const table of TABLES) {
    const speed = timePerCall(table);
    const scores = score(table);
    const cell = (lang: 'de' | 'en') => {
      const s = scores.find((x) => x.lang === lang);
      return s ? `${s.passed}/${s.total} (${pct(s)})` : '–';
    };
    for (const s of scores) {
      passed += s.passed;
      total += s.total;
    }
    rows.push(
      `| \`${table.parser}\` | ${cell('de')} | ${cell('en')} | ${us(speed.median)} | ${us(speed.p95)} |`,
    );
    for (const c of table.cases) {
      if (!sameValue(table.run(c), c.want))
        misses.push(
          `- \`${table.parser}\` (${c.lang}) ${JSON.stringify(c.text)}: ${c.miss ?? 'UNEXPECTED MISS'}`,
        );
    }
  }
  const markdown = [
    `Table-driven utterances from \`engine/src/flow/nlu/*.cases.ts\`; every row counts, documented known misses included.`,
    `Time per call: median of ${ROUNDS} batches of ${REPEAT} calls per row; the table shows the median and p95 over rows.`,
    '',
    '| parser | German | English | median µs/call | p95 µs/call |',
    '|---|---|---|---|---|',
    ...rows,
    `| **all** | **${passed}/${total} (${((100 * passed) / total).toFixed(1)} %)** | | | |`,
    '',
    `Misses (${misses.length}):`,
    '',
    ...(misses.length ? misses : ['- none']),
  ].join('\n');
  return { markdown };
}

export default { name, title, run };
