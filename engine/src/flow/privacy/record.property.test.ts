// The designer shows the processing record of a draft while it is being edited, so the record
// must be built from any document — even a broken one — without throwing.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../format/schema';
import { renderProcessingRecordMarkdown } from './markdown';
import { buildProcessingRecord } from './record';

const examples = ['arztpraxis', 'kanzlei', 'support-desk'].map((name) =>
  JSON.parse(readFileSync(new URL(`../../../../flows/${name}.flow.json`, import.meta.url), 'utf8')),
);

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

function edited(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  if (value === undefined) delete node[path[path.length - 1]];
  else node[path[path.length - 1]] = value;
  return copy;
}

const jsonValue = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

describe('buildProcessingRecord on broken drafts', () => {
  it('never throws, whatever single value is changed or removed', () => {
    fc.assert(
      fc.property(fc.nat(examples.length - 1), fc.nat(), jsonValue, (which, pick, value) => {
        const doc = examples[which];
        const all = paths(doc);
        const broken = edited(doc, all[pick % all.length], value) as Flow;
        const record = buildProcessingRecord(broken);
        for (const lang of ['de', 'en'] as const)
          expect(renderProcessingRecordMarkdown(record, lang)).toMatch(/^# /);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('still builds something for an empty object', () => {
    expect(() => renderProcessingRecordMarkdown(buildProcessingRecord({} as Flow), 'de')).not.toThrow();
  });
});
