/**
 * The interpreter's hot path: time of one step() call and the size of a call's state.
 * Events are the real ones of every conversation-test scenario of the example flows (speech,
 * keys, silence, extraction results, transfer results), each replayed on the state it met in
 * the scenario. Goals: median < 20 µs per step, state < 10 KB per call (JSON).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConversationTest, runScenario } from '../engine/src/flow/conversation/index';
import { loadFlow, step } from '../engine/src/flow/index';
import type { CompiledFlow } from '../engine/src/flow/compiled';
import type { CallEvent, CallState } from '../engine/src/flow/call/types';

export const name = 'step';
export const title = 'Interpreter: step() time and call-state size';

const FLOWS = resolve(dirname(fileURLToPath(import.meta.url)), '../flows');
const REPEAT = 50;
const ROUNDS = 7;

interface Sample {
  flow: CompiledFlow;
  before: CallState;
  event: CallEvent;
}

function collect(): { samples: Sample[]; stateBytes: number[]; scenarios: number } {
  const samples: Sample[] = [];
  const stateBytes: number[] = [];
  let scenarios = 0;
  for (const file of readdirSync(FLOWS)
    .filter((f) => f.endsWith('.test.json'))
    .sort()) {
    const parsed = parseConversationTest(JSON.parse(readFileSync(join(FLOWS, file), 'utf8')));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.join('; ')}`);
    const loaded = loadFlow(readFileSync(join(FLOWS, parsed.test.flow), 'utf8'));
    if (!loaded.ok) throw new Error(`${parsed.test.flow} does not load`);
    parsed.test.scenarios.forEach((scenario, i) => {
      const result = runScenario(loaded.compiled, scenario, i);
      scenarios++;
      for (const s of result.steps) {
        samples.push({ flow: loaded.compiled, ...s });
        stateBytes.push(new TextEncoder().encode(JSON.stringify(s.before)).length);
      }
      stateBytes.push(new TextEncoder().encode(JSON.stringify(result.state)).length);
    });
  }
  return { samples, stateBytes, scenarios };
}

const quantile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];

/** Microseconds per step() for each sample: REPEAT calls per batch, the best-of-ROUNDS median kept per sample. */
function measure(samples: Sample[]): number[] {
  for (const s of samples) for (let i = 0; i < 20; i++) step(s.flow, s.before, s.event); // warm-up (JIT, Intl caches)
  const perSample: number[] = [];
  for (const s of samples) {
    const rounds: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      for (let i = 0; i < REPEAT; i++) step(s.flow, s.before, s.event);
      rounds.push(((performance.now() - t0) * 1000) / REPEAT);
    }
    rounds.sort((a, b) => a - b);
    perSample.push(quantile(rounds, 0.5));
  }
  return perSample;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export async function run(): Promise<{ markdown: string }> {
  const { samples, stateBytes, scenarios } = collect();
  const times = measure(samples);
  const byType = new Map<string, number[]>();
  samples.forEach((s, i) => byType.set(s.event.type, [...(byType.get(s.event.type) ?? []), times[i]]));
  const all = [...times].sort((a, b) => a - b);
  const bytes = [...stateBytes].sort((a, b) => a - b);
  const median = quantile(all, 0.5);
  const maxBytes = bytes[bytes.length - 1];
  const rows = [...byType.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([type, t]) => {
      const s = [...t].sort((a, b) => a - b);
      return `| \`${type}\` | ${s.length} | ${fmt(quantile(s, 0.5))} | ${fmt(quantile(s, 0.99))} |`;
    });
  // Where the tail comes from: the slowest steps, by the node and what it was waiting for.
  const slowest = times
    .map((t, i) => ({ t, s: samples[i] }))
    .sort((a, b) => b.t - a.t)
    .slice(0, 5)
    .map(
      ({ t, s }) =>
        `${s.before.node} (${s.before.phase}${s.before.phase === 'ask' ? `, field ${s.flow.nodes[s.before.node]?.kind === 'intake' ? ((s.flow.nodes[s.before.node] as { fields: { type: string }[] }).fields[s.before.field]?.type ?? '') : ''}` : ''}): ${fmt(t)} µs`,
    );
  const markdown = [
    `${samples.length} events from ${scenarios} conversation-test scenarios of the example flows, each replayed on the`,
    `state it met there (${REPEAT} calls per batch, median of ${ROUNDS} batches per event). Includes the`,
    'deterministic understanding (nlu) that runs on caller speech, and copying the state.',
    '',
    '| event | events | median (µs) | p99 (µs) |',
    '|---|---:|---:|---:|',
    `| **all** | ${all.length} | **${fmt(median)}** | **${fmt(quantile(all, 0.99))}** |`,
    ...rows,
    '',
    '| call state (JSON, UTF-8) | bytes |',
    '|---|---:|',
    `| median over all steps | ${quantile(bytes, 0.5)} |`,
    `| largest seen | ${maxBytes} |`,
    '',
    `Slowest steps (node, phase, field type): ${slowest.join('; ')}.`,
    '',
    `Goals: median step() < 20 µs — **${median < 20 ? 'met' : 'missed'}** (${fmt(median)} µs); state < 10 KB — **${maxBytes < 10_240 ? 'met' : 'missed'}** (${(maxBytes / 1024).toFixed(1)} KB at most).`,
  ].join('\n');
  return { markdown };
}
