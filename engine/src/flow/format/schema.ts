// The flow format v1: the single source of truth. The JSON Schema in
// `schemas/flow.v1.schema.json`, the TypeScript types below and the validator are all derived
// from these TypeBox definitions (`npm run gen:schema`); a test fails when they drift.
//
// Rules of thumb for the format:
// - Logic and layout are separate: node positions live only in `layout`, which is excluded from
//   the content hash and from semantic diffs.
// - Node ids are stable, human-readable keys (`begruessung`, `anliegen`), so diffs in git read
//   like sentences and edges are plain strings.
// - Caller speech can never choose anything that matters: transfer targets are ids resolved
//   against the tenant's allow-list at run time, never phone numbers taken from a call.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

/** A union of string literals that keeps its literal types (Array.map would widen them to string). */
function literals<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );
}

export const FLOW_SCHEMA_ID = 'https://callflow.dev/schemas/flow.v1.schema.json';
export const CURRENT_SCHEMA_VERSION = 1;

const NodeId = Type.String({
  pattern: '^[a-z][a-z0-9_-]{0,63}$',
  description: 'Stable, human-readable node id (lowercase letters, digits, "-" and "_").',
});
const FieldKey = Type.String({
  pattern: '^[a-z][a-zA-Z0-9_]{0,63}$',
  description: 'Key of a collected detail as it appears in the call record, e.g. "name".',
});
const Prompt = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'Words the bot speaks. "{field}" placeholders are filled from collected details.',
});
const Label = Type.String({ minLength: 1, maxLength: 120 });
const Keyword = Type.String({ minLength: 1, maxLength: 80 });
const Keywords = Type.Array(Keyword, { minItems: 1, maxItems: 100 });
const Dtmf = Type.String({ pattern: '^[0-9*#]$' });
const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, 24h' });

const strict = { additionalProperties: false } as const;

// Every node may carry a title and a note for the designer; neither is spoken.
const common = {
  title: Type.Optional(Label),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
};

export const ConsentNode = Type.Object(
  {
    kind: Type.Literal('consent'),
    ...common,
    disclosure: Prompt,
    question: Prompt,
    reprompt: Type.Optional(Prompt),
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 2 })),
    next: Type.Object({ yes: NodeId, no: NodeId, unclear: NodeId }, strict),
  },
  { ...strict, description: 'AI disclosure and consent question; outcomes yes / no / unclear.' },
);

export const SayNode = Type.Object(
  {
    kind: Type.Literal('say'),
    ...common,
    text: Prompt,
    bargeIn: Type.Optional(Type.Boolean({ default: true })),
    next: NodeId,
  },
  { ...strict, description: 'An announcement; continues with `next`.' },
);

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

export const IntakeNode = Type.Object(
  {
    kind: Type.Literal('intake'),
    ...common,
    fields: Type.Array(IntakeField, { minItems: 1, maxItems: 30 }),
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, default: 3 })),
    next: NodeId,
  },
  { ...strict, description: 'Asks for one or more details, field by field.' },
);

export const BranchOption = Type.Object(
  { id: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,63}$' }), label: Label, keywords: Keywords, next: NodeId },
  strict,
);

export const BranchNode = Type.Object(
  {
    kind: Type.Literal('branch'),
    ...common,
    prompt: Type.Optional(Prompt),
    field: Type.Optional(FieldKey),
    options: Type.Array(BranchOption, { minItems: 1, maxItems: 20 }),
    default: NodeId,
  },
  {
    ...strict,
    description:
      'Chooses a path by keywords: in the answer to `prompt`, or in an already collected `field`; otherwise `default`.',
  },
);

export const CallbackNode = Type.Object(
  {
    kind: Type.Literal('callback'),
    ...common,
    priority: Type.Optional(literals(['normal', 'urgent'] as const, { default: 'normal' })),
    numberField: Type.Optional(FieldKey),
    numberPrompt: Type.Optional(Prompt),
    timePrompt: Type.Optional(Prompt),
    window: Type.Optional(Type.Object({ earliest: ClockTime, latest: ClockTime }, strict)),
    confirmation: Type.Optional(Prompt),
    next: NodeId,
  },
  {
    ...strict,
    description:
      'Records a callback request with priority, a number and a preferred time. The number is always secured: from `numberField` (or the detail with role callbackNumber), else the caller ID read back for confirmation, else asked with `numberPrompt` (default: a built-in question).',
  },
);

export const HandoffNode = Type.Object(
  {
    kind: Type.Literal('handoff'),
    ...common,
    target: Type.String({
      pattern: '^[a-z][a-z0-9_-]{0,63}$',
      description: "Id of a transfer target in the organisation's allow-list.",
    }),
    announce: Prompt,
    whisper: Type.Optional(Prompt),
    respectHours: Type.Optional(Type.Boolean({ default: true })),
    ringSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 60, default: 20 })),
    next: Type.Object({ fallback: NodeId }, strict),
  },
  {
    ...strict,
    description:
      'Transfers the caller to staff; `fallback` when nobody answers, the line is busy or it is closed.',
  },
);

export const HoursNode = Type.Object(
  {
    kind: Type.Literal('hours'),
    ...common,
    next: Type.Object({ open: NodeId, closed: NodeId }, strict),
  },
  { ...strict, description: 'Continues by whether it is currently within business hours.' },
);

export const EndNode = Type.Object(
  {
    kind: Type.Literal('end'),
    ...common,
    text: Prompt,
  },
  { ...strict, description: 'Says goodbye, hangs up and delivers the call note.' },
);

export const FlowNode = Type.Union([
  ConsentNode,
  SayNode,
  IntakeNode,
  BranchNode,
  CallbackNode,
  HandoffNode,
  HoursNode,
  EndNode,
]);

export const NODE_KINDS = [
  'consent',
  'say',
  'intake',
  'branch',
  'callback',
  'handoff',
  'hours',
  'end',
] as const;

/** Per-kind schemas, so diagnostics can validate a node against the schema of its own kind. */
export const NODE_SCHEMAS: Record<(typeof NODE_KINDS)[number], TSchema> = {
  consent: ConsentNode,
  say: SayNode,
  intake: IntakeNode,
  branch: BranchNode,
  callback: CallbackNode,
  handoff: HandoffNode,
  hours: HoursNode,
  end: EndNode,
};

export const Retention = Type.Union([
  Type.Object({ mode: Type.Literal('immediate') }, strict),
  Type.Object({ mode: Type.Literal('ttl'), days: Type.Integer({ minimum: 1, maximum: 30 }) }, strict),
  Type.Object({ mode: Type.Literal('archive') }, strict),
]);

export const DATA_CATEGORIES = [
  'health',
  'legal',
  'criminal',
  'genetic',
  'biometric',
  'ethnic-origin',
  'political',
  'religion',
  'trade-union',
  'sex-life',
] as const;
export const DataCategory = literals(DATA_CATEGORIES);

// Written as a draft 2020-12 tuple by hand: TypeBox's Tuple emits the draft-07 `items: [...]` form,
// which 2020-12 validators reject.
const Interval = Type.Unsafe<[string, string]>({
  type: 'array',
  prefixItems: [ClockTime, ClockTime],
  items: false,
  minItems: 2,
  maxItems: 2,
  description: 'An opening interval ["HH:MM", "HH:MM"], start before end.',
});
const Day = Type.Array(Interval, { maxItems: 6 });

export const BusinessHours = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, description: 'IANA time zone, e.g. Europe/Berlin.' }),
    weekly: Type.Object(
      {
        mon: Type.Optional(Day),
        tue: Type.Optional(Day),
        wed: Type.Optional(Day),
        thu: Type.Optional(Day),
        fri: Type.Optional(Day),
        sat: Type.Optional(Day),
        sun: Type.Optional(Day),
      },
      strict,
    ),
    closedDates: Type.Optional(
      Type.Array(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), { maxItems: 366 }),
    ),
  },
  strict,
);

export const Settings = Type.Object(
  {
    retention: Retention,
    zeroPersistence: Type.Boolean({ description: 'Nothing of a call is ever written anywhere.' }),
    record: Type.Object(
      {
        transcript: Type.Boolean({ description: 'Keep the turn-by-turn transcript in the call note.' }),
        callerNumber: Type.Boolean({
          description: "Include the caller's number (caller ID) in the call note.",
        }),
      },
      strict,
    ),
    dataCategories: Type.Array(DataCategory, { uniqueItems: true }),
    professionalSecrecy: Type.Optional(
      Type.Boolean({ description: 'The organisation is bound by professional secrecy (§ 203 StGB).' }),
    ),
    businessHours: BusinessHours,
    providers: Type.Object(
      {
        speech: Type.Union([Type.Literal('google')]),
        understanding: Type.Union([Type.Literal('openai'), Type.Literal('none')]),
        voice: Type.Union([Type.Literal('elevenlabs')]),
        voiceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      },
      strict,
    ),
    answers: Type.Optional(
      Type.Object(
        {
          model: Type.Optional(
            Type.Boolean({
              description:
                'May the language model answer questions the facts do not answer by their keywords? Default: yes, except under professional secrecy or with special categories of data.',
            }),
          ),
        },
        strict,
      ),
    ),
    delivery: Type.Object(
      {
        inbox: Type.Boolean(),
        webhookUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
      },
      strict,
    ),
    limits: Type.Optional(
      Type.Object(
        {
          maxCallSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 3600, default: 600 })),
          silenceSeconds: Type.Optional(Type.Integer({ minimum: 2, maximum: 30, default: 7 })),
          maxSilences: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, default: 2 })),
        },
        strict,
      ),
    ),
  },
  strict,
);

export const Trigger = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,63}$' }),
    label: Label,
    keywords: Keywords,
    flag: Type.Optional(Type.String({ pattern: '^[a-z][a-zA-Z0-9_-]{0,63}$' })),
    priority: Type.Optional(literals(['normal', 'urgent'] as const)),
    goto: Type.Optional(NodeId),
  },
  { ...strict, description: 'Keywords that are listened for during the whole call.' },
);

/** Longest spoken answer of a fact the schema takes; the checker warns far earlier (facts.answer-too-long). */
export const MAX_FACT_ANSWER = 600;

export const Fact = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,63}$', description: 'Stable id, cited by answers.' }),
    topic: Label,
    answer: Type.String({
      minLength: 1,
      maxLength: MAX_FACT_ANSWER,
      description: 'What the assistant says when asked about the topic: one or two short sentences.',
    }),
    keywords: Type.Optional(Keywords),
  },
  {
    ...strict,
    description:
      'Something the business wrote for callers (Wissen): questions about the topic or a keyword are answered with `answer`.',
  },
);

export const HumanEscape = Type.Object(
  { keywords: Keywords, dtmf: Dtmf, target: NodeId },
  { ...strict, description: '"Human, please": words or a key that lead to a handoff node at any moment.' },
);

export const Position = Type.Object({ x: Type.Number(), y: Type.Number() }, strict);

export const Flow = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schemaVersion: Type.Literal(1),
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    language: Type.String({ pattern: '^[a-z]{2}-[A-Z]{2}$', description: 'BCP 47, e.g. de-DE, en-GB.' }),
    start: NodeId,
    settings: Settings,
    triggers: Type.Array(Trigger, { maxItems: 50 }),
    humanEscape: HumanEscape,
    facts: Type.Optional(Type.Array(Fact, { maxItems: 200 })),
    nodes: Type.Record(NodeId, FlowNode, { additionalProperties: false }),
    layout: Type.Optional(
      Type.Object(
        { nodes: Type.Record(NodeId, Position, { additionalProperties: false }) },
        { ...strict, description: 'Designer only.' },
      ),
    ),
  },
  {
    ...strict,
    $id: FLOW_SCHEMA_ID,
    title: 'Callflow flow v1',
    description: 'A call flow for an AI phone assistant. Layout is not part of the logic.',
  },
);

export type Flow = Static<typeof Flow>;
export type FlowNode = Static<typeof FlowNode>;
export type NodeKind = FlowNode['kind'];
export type ConsentNode = Static<typeof ConsentNode>;
export type SayNode = Static<typeof SayNode>;
export type IntakeNode = Static<typeof IntakeNode>;
export type IntakeField = Static<typeof IntakeField>;
export type FieldType = Static<typeof FieldType>;
export type BranchNode = Static<typeof BranchNode>;
export type CallbackNode = Static<typeof CallbackNode>;
export type HandoffNode = Static<typeof HandoffNode>;
export type HoursNode = Static<typeof HoursNode>;
export type EndNode = Static<typeof EndNode>;
export type Settings = Static<typeof Settings>;
export type Retention = Static<typeof Retention>;
export type Trigger = Static<typeof Trigger>;
export type HumanEscape = Static<typeof HumanEscape>;
export type Fact = Static<typeof Fact>;
export type BusinessHours = Static<typeof BusinessHours>;
export type DataCategory = Static<typeof DataCategory>;
