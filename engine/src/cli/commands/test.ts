// `callflow test [files…]`: runs the conversation tests of flows (default: flows/*.test.json)
// against the interpreter and prints every failing scenario with what was expected, what was
// heard and the path taken. Exit code 0 when all pass, 1 when any fails, 2 on unusable input.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { formatResult, parseConversationTest, runScenario } from '../../flow/conversation/index';
import { loadFlow } from '../../flow/index';
import type { CliCommand, CliIO } from '../command';

function defaultFiles(cwd: string): string[] {
  const dir = join(cwd, 'flows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.json'))
    .sort()
    .map((f) => join(dir, f));
}

interface FileOutcome {
  passed: number;
  failed: number;
  broken: boolean;
}

function runFile(file: string, io: CliIO): FileOutcome {
  const shown = relative(io.cwd, file) || file;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    io.stderr(`${shown}: cannot read the test file (${(e as Error).message})\n`);
    return { passed: 0, failed: 0, broken: true };
  }
  const parsed = parseConversationTest(data);
  if (!parsed.ok) {
    io.stderr(`${shown}: not a conversation test:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return { passed: 0, failed: 0, broken: true };
  }
  const flowFile = resolve(dirname(file), parsed.test.flow);
  const loaded = existsSync(flowFile) ? loadFlow(readFileSync(flowFile, 'utf8')) : null;
  if (!loaded || !loaded.ok) {
    io.stderr(
      `${shown}: the flow ${parsed.test.flow} cannot be loaded${loaded ? ` (${loaded.diagnostics.length} problems; run \`callflow validate\`)` : ''}\n`,
    );
    return { passed: 0, failed: 0, broken: true };
  }
  io.stdout(`${shown}\n`);
  const outcome: FileOutcome = { passed: 0, failed: 0, broken: false };
  parsed.test.scenarios.forEach((scenario, i) => {
    const result = runScenario(loaded.compiled, scenario, i);
    if (result.ok) {
      outcome.passed++;
      io.stdout(`  ✓ ${scenario.name}\n`);
    } else {
      outcome.failed++;
      io.stdout(`${formatResult(result).replace(/^/gm, '  ')}\n`);
    }
  });
  return outcome;
}

export const command: CliCommand = {
  name: 'test',
  summary: 'Run the conversation tests of flows (default: flows/*.test.json)',
  usage: 'callflow test [files…]',
  async run(args, io) {
    const files = args.length ? args.map((a) => resolve(io.cwd, a)) : defaultFiles(io.cwd);
    if (files.length === 0) {
      io.stderr('callflow test: no test files (flows/*.test.json) found\n');
      return 2;
    }
    let passed = 0;
    let failed = 0;
    let broken = false;
    for (const file of files) {
      const o = runFile(file, io);
      passed += o.passed;
      failed += o.failed;
      broken ||= o.broken;
    }
    io.stdout(`\n${passed} passed, ${failed} failed\n`);
    if (broken) return 2;
    return failed > 0 ? 1 : 0;
  },
};
