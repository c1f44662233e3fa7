// The JSON Schema of one log line, derived from the allow-list so the two cannot drift.
// `schemas/log-line.v1.schema.json` is this object written out (a test fails when they differ);
// log shippers and auditors can validate captured logs against it.
import { EVENT_PATTERN, FIELD_SPECS, REJECTED, type FieldSpec } from './fields.js';
import { LOG_LEVELS } from './logger.js';

export const LOG_LINE_SCHEMA_ID = 'https://callflow.dev/schemas/log-line.v1.schema.json';

type JsonSchema = Record<string, unknown>;

function specSchema(spec: FieldSpec): JsonSchema {
  switch (spec.kind) {
    case 'string':
      return { type: 'string', pattern: spec.pattern.source, description: spec.description };
    case 'enum':
      return { type: 'string', enum: [...spec.values], description: spec.description };
    case 'integer':
      return { type: 'integer', minimum: spec.min, maximum: spec.max, description: spec.description };
    case 'number':
      return { type: 'number', minimum: spec.min, maximum: spec.max, description: spec.description };
    case 'boolean':
      return { type: 'boolean', description: spec.description };
  }
}

/** A value that failed its check is printed as "[rejected]" instead. */
function orRejected(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { const: REJECTED }] };
}

export function buildLogLineSchema(): JsonSchema {
  const fields = Object.fromEntries(
    Object.entries(FIELD_SPECS).map(([key, spec]) => [key, orRejected(specSchema(spec))]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: LOG_LINE_SCHEMA_ID,
    title: 'Callflow log line v1',
    description:
      'Every line the engine logs. Allow-list only: no messages, no error texts, no caller content.',
    type: 'object',
    additionalProperties: false,
    required: ['time', 'level', 'event', 'outcome'],
    properties: {
      time: { type: 'integer', minimum: 0, description: 'Epoch milliseconds.' },
      level: { type: 'string', enum: LOG_LEVELS.filter((l) => l !== 'silent') },
      event: orRejected({ type: 'string', pattern: EVENT_PATTERN.source, description: 'Dotted event id.' }),
      ...fields,
      rejected: {
        type: 'integer',
        minimum: 1,
        description: 'How many fields of this line were rejected or dropped by the allow-list.',
      },
    },
  };
}
