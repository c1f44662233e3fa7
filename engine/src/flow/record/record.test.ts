// Every record the example flows deliver in their conversation tests validates against the
// published schema (which allows nothing else: additionalProperties is false everywhere).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseConversationTest } from '../conversation/load';
import { runScenario } from '../conversation/runner';
import { loadFlow } from '../index';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/call-record.v1.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(schema);

describe('call records', () => {
  const tests = readdirSync(join(ROOT, 'flows')).filter((f) => f.endsWith('.test.json'));
  it.each(tests)('delivered in %s validate against schemas/call-record.v1.schema.json', (file) => {
    const parsed = parseConversationTest(JSON.parse(readFileSync(join(ROOT, 'flows', file), 'utf8')));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const loaded = loadFlow(readFileSync(join(ROOT, 'flows', parsed.test.flow), 'utf8'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    let records = 0;
    parsed.test.scenarios.forEach((scenario, i) => {
      const { record } = runScenario(loaded.compiled, scenario, i);
      if (!record) return;
      records++;
      expect(validate(record) ? [] : validate.errors, scenario.name).toEqual([]);
      expect(record.flowContentHash).toBe(loaded.compiled.contentHash);
      expect(record.test).toBe(true);
      if (!loaded.compiled.flow.settings.record.callerNumber)
        expect(record).not.toHaveProperty('callerNumber');
    });
    expect(records).toBeGreaterThan(3);
  });
});
