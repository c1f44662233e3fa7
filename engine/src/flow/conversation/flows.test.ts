// Runs every scenario of every flows/*.test.json as its own test, so `npm test` proves the
// example flows behave as their conversation tests say. A failure prints the readable report
// (expected vs. heard, the path taken, the whole conversation).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../index';
import { parseConversationTest } from './load';
import { formatResult, runScenario } from './runner';

const FLOWS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../flows');
function publishedSchema() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile(
    JSON.parse(readFileSync(join(FLOWS, '../schemas/conversation-test.v1.schema.json'), 'utf8')),
  );
}

const files = readdirSync(FLOWS)
  .filter((f) => f.endsWith('.test.json'))
  .sort();

describe('conversation tests of the example flows', () => {
  it('every example flow has at least 8 scenarios', () => {
    const flows = readdirSync(FLOWS).filter((f) => f.endsWith('.flow.json'));
    for (const flow of flows) {
      const test = flow.replace('.flow.json', '.test.json');
      expect(files, `${flow} has no ${test}`).toContain(test);
      const parsed = parseConversationTest(JSON.parse(readFileSync(join(FLOWS, test), 'utf8')));
      expect(parsed.ok && parsed.test.scenarios.length, test).toBeGreaterThanOrEqual(8);
    }
  });

  for (const file of files) {
    const parsed = parseConversationTest(JSON.parse(readFileSync(join(FLOWS, file), 'utf8')));
    describe(file, () => {
      it('is a valid conversation test (also for the published JSON Schema editors use)', () => {
        expect(parsed.ok ? [] : parsed.problems).toEqual([]);
        const validate = publishedSchema();
        expect(validate(JSON.parse(readFileSync(join(FLOWS, file), 'utf8'))) ? [] : validate.errors).toEqual(
          [],
        );
      });
      if (!parsed.ok) return;
      const loaded = loadFlow(readFileSync(join(FLOWS, parsed.test.flow), 'utf8'));
      parsed.test.scenarios.forEach((scenario, i) => {
        it(scenario.name, () => {
          expect(loaded.ok, `${parsed.test.flow} does not load`).toBe(true);
          if (!loaded.ok) return;
          const result = runScenario(loaded.compiled, scenario, i);
          if (!result.ok) expect.fail(`\n${formatResult(result)}`);
        });
      });
    });
  }
});
