// Schema, TypeScript types and validator come from one source (schema.ts). This test regenerates
// every derived file in memory and fails when a committed one differs.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GENERATED, REPO_ROOT } from '../../../../scripts/gen-schemas';
import * as validators from './validate-flow.generated';
import { NODE_KINDS } from './schema';

describe('generated schema files', () => {
  it.each(GENERATED.map((g) => [g.path, g] as const))('%s is up to date', (path, file) => {
    const target = resolve(REPO_ROOT, path);
    expect(existsSync(target), `${path} is missing: run npm run gen:schema`).toBe(true);
    const committed = readFileSync(target, 'utf8');
    expect(committed === file.generate(), `${path} differs from schema.ts: run npm run gen:schema`).toBe(
      true,
    );
  });

  it('the published flow schema is draft 2020-12 with a stable $id', () => {
    const schema = JSON.parse(readFileSync(resolve(REPO_ROOT, 'schemas/flow.v1.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://callflow.dev/schemas/flow.v1.schema.json');
    expect(Object.keys(schema.properties.nodes.patternProperties)).toHaveLength(1);
  });

  it('the generated validator module imports nothing (browser-safe) and has one validator per node kind', () => {
    const code = readFileSync(
      resolve(REPO_ROOT, 'engine/src/flow/format/validate-flow.generated.js'),
      'utf8',
    );
    expect(code).not.toMatch(/\brequire\(|^import /m);
    const names = Object.keys(validators);
    expect(names).toContain('validateFlowShell');
    expect(names.length).toBe(NODE_KINDS.length + 1);
  });
});
