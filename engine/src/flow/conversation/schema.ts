// The conversation-test format: `flows/<name>.test.json` lists scenarios — who calls when, what
// the caller says or presses, and what must happen (prompts heard, path, record). The JSON Schema
// `schemas/conversation-test.v1.schema.json` is generated from these definitions.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const CONVERSATION_TEST_SCHEMA_ID = 'https://callflow.dev/schemas/conversation-test.v1.schema.json';

const strict = { additionalProperties: false } as const;

const Pattern = Type.String({
  minLength: 1,
  description: 'A case-insensitive substring, or a regular expression written as "/…/flags".',
});

const After = Type.Optional(
  Type.Number({ minimum: 0, maximum: 3600, description: 'Seconds since the previous turn (default 5).' }),
);
const TurnExpect = Type.Optional(
  Type.Object(
    {
      heard: Type.Optional(
        Type.Array(Pattern, { description: 'Prompts the bot says in reply to this turn, in order.' }),
      ),
      node: Type.Optional(Type.String({ description: 'The node the call is in after this turn.' })),
    },
    strict,
  ),
);

const turn = <T extends Record<string, TSchema>>(props: T, description: string) =>
  Type.Object({ ...props, after: After, expect: TurnExpect }, { ...strict, description });

export const Turn = Type.Union([
  turn(
    { say: Type.String({ description: 'What the caller says (a final speech result).' }) },
    'Caller speech.',
  ),
  turn(
    { dtmf: Type.String({ pattern: '^[0-9*#]+$', description: 'Keys pressed, one event per key.' }) },
    'Key presses.',
  ),
  turn({ silence: Type.Literal(true) }, 'The caller says nothing until the listen timeout.'),
  turn({ hangup: Type.Literal(true) }, 'The caller hangs up.'),
  turn(
    {
      extract: Type.Object(
        {
          values: Type.Optional(
            Type.Record(
              Type.String(),
              Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
            ),
          ),
          error: Type.Optional(Type.String()),
        },
        strict,
      ),
    },
    'The LLM extraction result for the pending `extract` action. Without one, the runner answers every extract with an error (the deterministic fallback).',
  ),
  turn(
    {
      answer: Type.Object(
        {
          factIds: Type.Optional(Type.Array(Type.String())),
          text: Type.Optional(Type.String()),
          error: Type.Optional(Type.String()),
        },
        strict,
      ),
    },
    "The language model's reply to the pending `answer` action (a caller's question no fact matched). Without one, the runner answers with an error (the fallback: „kann ich nicht sicher beantworten“).",
  ),
  turn(
    {
      handoff: Type.Union([
        Type.Literal('answered'),
        Type.Literal('no-answer'),
        Type.Literal('busy'),
        Type.Literal('failed'),
      ]),
    },
    'What happened to the pending transfer.',
  ),
]);

const ExpectedField = Type.Union(
  [
    Type.String(),
    Type.Number(),
    Type.Boolean(),
    Type.Null(),
    Type.Object(
      {
        value: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
        source: Type.Optional(
          Type.Union([
            Type.Literal('speech'),
            Type.Literal('dtmf'),
            Type.Literal('llm'),
            Type.Literal('caller-id'),
          ]),
        ),
        confirmed: Type.Optional(Type.Boolean()),
      },
      strict,
    ),
  ],
  { description: 'The expected value (null: the field must be absent), or value/source/confirmed to check.' },
);

export const ScenarioExpect = Type.Object(
  {
    heard: Type.Optional(
      Type.Array(Pattern, {
        description: 'Prompts heard during the whole call, in this order (others may come between).',
      }),
    ),
    notHeard: Type.Optional(Type.Array(Pattern, { description: 'Prompts that must never be said.' })),
    path: Type.Optional(
      Type.Array(Type.String(), { description: 'Exactly the node ids entered, in order.' }),
    ),
    visits: Type.Optional(
      Type.Array(Type.String(), { description: 'Node ids that must be entered (any order).' }),
    ),
    avoids: Type.Optional(Type.Array(Type.String(), { description: 'Node ids that must never be entered.' })),
    transfer: Type.Optional(Type.String({ description: 'The transfer target requested.' })),
    outcome: Type.Optional(
      Type.Union([
        Type.Literal('completed'),
        Type.Literal('handed-off'),
        Type.Literal('hung-up'),
        Type.Literal('failed'),
        Type.Literal('in-progress'),
      ]),
    ),
    consent: Type.Optional(
      Type.Union([
        Type.Literal('given'),
        Type.Literal('refused'),
        Type.Literal('unclear'),
        Type.Literal('not-asked'),
      ]),
    ),
    fields: Type.Optional(Type.Record(Type.String(), ExpectedField)),
    missingFields: Type.Optional(Type.Array(Type.String())),
    concern: Type.Optional(Pattern),
    questions: Type.Optional(
      Type.Array(Pattern, {
        description: 'Exactly the open questions noted for the team, in order ([] = none).',
      }),
    ),
    flags: Type.Optional(Type.Array(Type.String(), { description: 'Exactly these flags (any order).' })),
    priority: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('urgent')])),
    handoff: Type.Optional(
      Type.Union([
        Type.Literal('answered'),
        Type.Literal('no-answer'),
        Type.Literal('busy'),
        Type.Literal('failed'),
        Type.Literal('closed'),
      ]),
    ),
    callback: Type.Optional(
      Type.Object(
        {
          number: Type.Optional(Type.String()),
          preferredTime: Type.Optional(Pattern),
          priority: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('urgent')])),
        },
        strict,
      ),
    ),
  },
  strict,
);

export const Scenario = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    call: Type.Object(
      {
        at: Type.String({ format: 'date-time', description: 'When the call starts, ISO 8601 with offset.' }),
        callerNumber: Type.Optional(Type.String({ description: 'Caller ID, E.164.' })),
      },
      strict,
    ),
    turns: Type.Array(Turn),
    expect: ScenarioExpect,
  },
  strict,
);

export const ConversationTest = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    flow: Type.String({ description: 'The flow file, relative to this file.' }),
    scenarios: Type.Array(Scenario, { minItems: 1 }),
  },
  {
    ...strict,
    $id: CONVERSATION_TEST_SCHEMA_ID,
    title: 'Callflow conversation test v1',
    description: 'Scripted calls against a flow, with what must be heard and recorded.',
  },
);

export type ConversationTest = Static<typeof ConversationTest>;
export type Scenario = Static<typeof Scenario>;
export type Turn = Static<typeof Turn>;
export type ScenarioExpect = Static<typeof ScenarioExpect>;
