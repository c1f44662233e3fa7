// Builds the strict structured-output schema for one extraction request.
//
// OpenAI's strict mode requires every property to be `required` and `additionalProperties:
// false`; a value the caller did not give is expressed as `null` (type `[…, "null"]`). Choices
// become an `enum` of their values, so the model cannot invent one. There is no property for an
// action or a transfer target — the schema only has the asked fields.
import type { ExtractionField, ExtractionFieldType } from '../../ports/extractor.js';

/** How each kind of value should be written; also read back by the fake server's default responder. */
const TYPE_HINTS: Record<ExtractionFieldType, string> = {
  text: 'free text in the caller’s words',
  name: 'a person’s name',
  phone: 'a phone number, digits only with an optional leading +',
  email: 'an e-mail address',
  date: 'a calendar date as YYYY-MM-DD, or the caller’s words if relative',
  time: 'a time of day as HH:MM, or the caller’s words if vague',
  datetime: 'a date and time as YYYY-MM-DDTHH:MM, or the caller’s words if vague',
  number: 'a number',
  choice: 'one of the listed values',
  yesno: 'true for yes, false for no',
};

export const FIELD_KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,63}$/;
export const SCHEMA_NAME = 'callflow_extraction';

type JsonSchema = Record<string, unknown>;

/** `(phone) Telefonnummer — a phone number, …`: the type tag leads so fakes can read it back. */
export function describeField(field: ExtractionField): string {
  const choices = field.choices?.length
    ? ` Values: ${field.choices.map((c) => `${c.value} = ${c.label}`).join('; ')}.`
    : '';
  return `(${field.type}) ${field.label} — ${TYPE_HINTS[field.type]}.${choices}`;
}

function fieldSchema(field: ExtractionField): JsonSchema {
  const description = describeField(field);
  switch (field.type) {
    case 'number':
      return { type: ['number', 'null'], description };
    case 'yesno':
      return { type: ['boolean', 'null'], description };
    case 'choice':
      return {
        type: ['string', 'null'],
        enum: [...(field.choices ?? []).map((c) => c.value), null],
        description,
      };
    default:
      return { type: ['string', 'null'], description };
  }
}

export function buildExtractionSchema(fields: readonly ExtractionField[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f)])),
    required: fields.map((f) => f.key),
    additionalProperties: false,
  };
}
