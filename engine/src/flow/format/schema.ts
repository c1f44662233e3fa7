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
//
// What a step of each kind looks like is written by the kind itself (`schema` in
// `nodes/<kind>.ts`); the node union below is assembled from the registry of kinds.
import { Type, type Static } from '@sinclair/typebox';
import { NODE_KINDS, nodeSchemas } from '../nodes/index';
import { ClockTime, Dtmf, Keywords, Label, literals, NodeId, strict } from './parts';

export { NODE_KINDS };
export { Choice, FIELD_TYPES, FieldRole, FieldType, IntakeField } from './parts';

export const FLOW_SCHEMA_ID = 'https://callflow.dev/schemas/flow.v1.schema.json';
export const CURRENT_SCHEMA_VERSION = 1;

/** A step of any kind: one member per kind in the registry (nodes/index.ts). */
export const FlowNode = Type.Union(nodeSchemas);

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
/** The step of one kind. */
export type NodeOf<K extends NodeKind> = Extract<FlowNode, { kind: K }>;
export type ConsentNode = NodeOf<'consent'>;
export type SayNode = NodeOf<'say'>;
export type IntakeNode = NodeOf<'intake'>;
export type BranchNode = NodeOf<'branch'>;
export type CallbackNode = NodeOf<'callback'>;
export type HandoffNode = NodeOf<'handoff'>;
export type HoursNode = NodeOf<'hours'>;
export type EndNode = NodeOf<'end'>;
export type Settings = Static<typeof Settings>;
export type Retention = Static<typeof Retention>;
export type Trigger = Static<typeof Trigger>;
export type HumanEscape = Static<typeof HumanEscape>;
export type Fact = Static<typeof Fact>;
export type BusinessHours = Static<typeof BusinessHours>;
export type DataCategory = Static<typeof DataCategory>;
