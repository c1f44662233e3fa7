// The building blocks of the flow format that every step kind's schema and the flow's frame share:
// ids, spoken texts, labels, keywords, times and the details a step asks. Each step kind writes its
// own schema from these in nodes/<kind>.ts; format/schema.ts assembles the flow from them.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';

/** A union of string literals that keeps its literal types (Array.map would widen them to string). */
export function literals<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );
}

export const NodeId = Type.String({
  pattern: '^[a-z][a-z0-9_-]{0,63}$',
  description: 'Stable, human-readable node id (lowercase letters, digits, "-" and "_").',
});
export const FieldKey = Type.String({
  pattern: '^[a-z][a-zA-Z0-9_]{0,63}$',
  description: 'Key of a collected detail as it appears in the call record, e.g. "name".',
});
export const Prompt = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'Words the bot speaks. "{field}" placeholders are filled from collected details.',
});
export const Label = Type.String({ minLength: 1, maxLength: 120 });
export const Keyword = Type.String({ minLength: 1, maxLength: 80 });
export const Keywords = Type.Array(Keyword, { minItems: 1, maxItems: 100 });
export const Dtmf = Type.String({ pattern: '^[0-9*#]$' });
export const ClockTime = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'HH:MM, 24h',
});

export const strict = { additionalProperties: false } as const;

// Every node may carry a title and a note for the designer; neither is spoken.
export const common = {
  title: Type.Optional(Label),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
};

export const FIELD_TYPES = [
  'text',
  'name',
  'phone',
  'email',
  'date',
  'time',
  'datetime',
  'number',
  'choice',
  'yesno',
] as const;
export const FieldType = literals(FIELD_TYPES);

export const FieldRole = literals(['callerName', 'callbackNumber', 'concern', 'callbackTime'] as const, {
  description: 'What this detail means for the business; the inbox and data-subject requests use it.',
});

export const Choice = Type.Object(
  { value: Type.String({ minLength: 1, maxLength: 80 }), label: Label, keywords: Type.Optional(Keywords) },
  strict,
);

export const IntakeField = Type.Object(
  {
    key: FieldKey,
    label: Label,
    type: FieldType,
    role: Type.Optional(FieldRole),
    prompt: Prompt,
    reprompt: Type.Optional(Prompt),
    required: Type.Optional(Type.Boolean({ default: true })),
    confirm: Type.Optional(Type.Boolean({ default: false, description: 'Read the value back and ask.' })),
    sensitive: Type.Optional(
      Type.Boolean({ default: false, description: 'Special category data (GDPR Art. 9), e.g. symptoms.' }),
    ),
    llm: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'May the understanding provider (LLM) see the answer to this question?',
      }),
    ),
    choices: Type.Optional(Type.Array(Choice, { minItems: 2, maxItems: 20 })),
    validation: Type.Optional(
      Type.Object(
        {
          pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          min: Type.Optional(Type.Number()),
          max: Type.Optional(Type.Number()),
          maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
          when: Type.Optional(
            literals(['past', 'future'] as const, {
              description:
                'Dates and date-times: `past` = not after today (a birth date), `future` = not over yet (an appointment). Checked before the readback. A detail with role `callbackTime` is `future` without it.',
            }),
          ),
        },
        strict,
      ),
    ),
  },
  strict,
);

export type IntakeField = Static<typeof IntakeField>;
export type FieldType = Static<typeof FieldType>;
