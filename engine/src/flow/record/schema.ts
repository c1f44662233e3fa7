// The call record ("Gesprächsnotiz"): the structured result of one call, delivered to the
// business. Only what is relevant for follow-up (requirements R2, privacy.md): contact data,
// concern, callback wish, flags, outcomes. The transcript only when the flow asks for it, the
// caller's number only when the flow asks for it. Nothing else — no audio, no path, no timings.
// The JSON Schema `schemas/call-record.v1.schema.json` is generated from these definitions.
import { Type, type Static } from '@sinclair/typebox';

export const CALL_RECORD_SCHEMA_ID = 'https://callflow.dev/schemas/call-record.v1.schema.json';

const strict = { additionalProperties: false } as const;
const IsoInstant = Type.String({
  format: 'date-time',
  description: 'ISO 8601 instant (UTC), e.g. 2026-03-02T09:15:00.000Z',
});

export const FieldSource = Type.Union(
  [Type.Literal('speech'), Type.Literal('dtmf'), Type.Literal('llm'), Type.Literal('caller-id')],
  { description: 'How the value was obtained.' },
);

export const FieldValue = Type.Object(
  {
    value: Type.Union([Type.String(), Type.Number(), Type.Boolean()], {
      description:
        'phone: E.164; date: YYYY-MM-DD; time: HH:MM; datetime: ISO 8601 with offset; choice: the choice value.',
    }),
    source: FieldSource,
    confirmed: Type.Boolean({ description: 'The caller confirmed a readback of this value.' }),
  },
  strict,
);

export const Priority = Type.Union([Type.Literal('normal'), Type.Literal('urgent')]);

export const ConsentOutcome = Type.Union(
  [Type.Literal('given'), Type.Literal('refused'), Type.Literal('unclear'), Type.Literal('not-asked')],
  {
    description:
      '`not-asked`: the call ended (or the caller asked for a human) before the consent question was answered.',
  },
);

export const HandoffOutcome = Type.Union([
  Type.Literal('answered'),
  Type.Literal('no-answer'),
  Type.Literal('busy'),
  Type.Literal('failed'),
  Type.Literal('closed'),
]);

export const CallOutcome = Type.Union(
  [Type.Literal('completed'), Type.Literal('handed-off'), Type.Literal('hung-up'), Type.Literal('failed')],
  {
    description:
      'completed: the bot said goodbye (also after the maximum call length); handed-off: staff answered a transfer; hung-up: the caller hung up first; failed: the interpreter could not continue.',
  },
);

export const TranscriptTurn = Type.Object(
  {
    speaker: Type.Union([Type.Literal('bot'), Type.Literal('caller')]),
    text: Type.String(),
    at: IsoInstant,
  },
  strict,
);

export const CallRecord = Type.Object(
  {
    recordVersion: Type.Literal(1),
    txId: Type.String({
      minLength: 1,
      description: 'Transaction id (Vorgangsnummer); also used by deletion receipts.',
    }),
    flowId: Type.String(),
    flowContentHash: Type.String({ description: 'Content hash of the flow version that handled the call.' }),
    startedAt: IsoInstant,
    endedAt: IsoInstant,
    test: Type.Boolean({ description: 'A test call (designer test chat, conversation test, simulation).' }),
    language: Type.String({ description: 'BCP 47 language of the flow, e.g. de-DE.' }),
    consent: ConsentOutcome,
    fields: Type.Record(Type.String(), FieldValue, { description: 'Collected details by field key.' }),
    missingFields: Type.Array(Type.String(), {
      description: 'Keys of required details the caller did not give after every attempt.',
    }),
    concern: Type.Optional(Type.String({ description: 'The value of the field with role "concern".' })),
    callback: Type.Optional(
      Type.Object(
        {
          number: Type.Optional(Type.String({ description: 'E.164' })),
          preferredTime: Type.Optional(
            Type.String({ description: 'ISO 8601 with offset, in the flow time zone.' }),
          ),
          preferredTimeText: Type.Optional(
            Type.String({ description: 'What the caller said when no exact time was understood.' }),
          ),
          priority: Priority,
        },
        strict,
      ),
    ),
    questions: Type.Optional(
      Type.Array(Type.String(), {
        description:
          "Questions the caller asked that the business's facts did not answer, in the caller's words: for the team to answer. Sensitive like the details.",
      }),
    ),
    flags: Type.Array(Type.String(), { description: 'Flags set by keyword triggers, each once.' }),
    priority: Priority,
    handoff: Type.Optional(
      Type.Object(
        { target: Type.String(), outcome: HandoffOutcome },
        { ...strict, description: 'The last transfer attempt.' },
      ),
    ),
    outcome: CallOutcome,
    callerNumber: Type.Optional(
      Type.String({ description: 'Caller ID; only when the flow settings record it.' }),
    ),
    transcript: Type.Optional(
      Type.Array(TranscriptTurn, { description: 'Turn by turn; only when the flow settings record it.' }),
    ),
  },
  {
    ...strict,
    $id: CALL_RECORD_SCHEMA_ID,
    title: 'Callflow call record v1',
    description: 'The structured note of one call, delivered to the business. No audio, ever.',
  },
);

export type CallRecord = Static<typeof CallRecord>;
export type FieldValue = Static<typeof FieldValue>;
export type FieldSource = Static<typeof FieldSource>;
export type Priority = Static<typeof Priority>;
export type ConsentOutcome = Static<typeof ConsentOutcome>;
export type HandoffOutcome = Static<typeof HandoffOutcome>;
export type CallOutcome = Static<typeof CallOutcome>;
export type TranscriptTurn = Static<typeof TranscriptTurn>;
