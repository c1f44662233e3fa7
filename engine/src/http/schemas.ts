// Request and response shapes for the OpenAPI document. Flow documents stay `unknown` here on
// purpose: the flow loader validates them and answers with diagnostics, which say far more
// than a schema error could (and in German and English).
import { z } from '@hono/zod-openapi';
import type { FlowChange as FlowChangeType } from '../flow/diff/index';
import type { CallRecord as CallRecordType } from '../flow/record/schema';
import { ROLES } from '../store/types';

export const ErrorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
  })
  .openapi('Error');

export const FlowDocument = z.record(z.string(), z.unknown()).openapi('FlowDocument', {
  description: 'A flow document (https://callflow.dev/schemas/flow.v1.schema.json).',
});

export const Diagnostic = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    nodeId: z.string().optional(),
    path: z.string(),
    message: z.object({ de: z.string(), en: z.string() }),
  })
  .openapi('Diagnostic');

export const Diagnostics = z.array(Diagnostic);

/**
 * A JSON object whose shape the pure core defines (a TypeBox schema or a type of its own): typed as
 * the core's `T`, documented by a link to its JSON Schema instead of a copy. Zod only checks that it
 * is an object; where it is input, the route validates it against the core's schema.
 */
export const coreObject = <T>(description: string) =>
  z
    .custom<T>((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
    .openapi({ type: 'object', description });

export const CallRecord = coreObject<CallRecordType>(
  'The call record (https://callflow.dev/schemas/call-record.v1.schema.json)',
);
/** `CallRecord` or null (`.nullable()` would drop the null from the OpenAPI document). */
export const CallRecordOrNull = z.union([CallRecord, z.null()]);

/** One semantic change between two versions (flow/diff). */
export const FlowChange = coreObject<FlowChangeType>(
  'A semantic change: { kind, nodeId?, path, before?, after?, message: { de, en } }',
);

export const FlowSummary = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
    latestVersion: z.number().nullable(),
    draftChanges: z.number().int().nonnegative().openapi({
      description:
        'How many semantic changes the draft has against the latest version (0 when none or never published)',
    }),
  })
  .openapi('FlowSummary');

export const DraftBody = z
  .object({
    flowId: z.string(),
    revision: z.number(),
    etag: z.string(),
    updatedAt: z.number(),
    document: z.unknown(),
    diagnostics: Diagnostics,
  })
  .openapi('Draft');

export const VersionSummary = z
  .object({
    number: z.number(),
    contentHash: z.string(),
    message: z.string(),
    authorId: z.string().nullable(),
    createdAt: z.number(),
  })
  .openapi('VersionSummary');

export const VersionBody = VersionSummary.extend({ flow: z.unknown() }).openapi('Version');

export const NumberBinding = z
  .object({
    number: z.string(),
    flowId: z.string(),
    version: z.number().nullable(),
    updatedAt: z.number(),
  })
  .openapi('NumberBinding');

export const Role = z.enum(ROLES);

export const Me = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
    /** null: the operator, logged in outside every organisation. */
    tenant: z.object({ id: z.string(), name: z.string() }).nullable(),
    role: Role.nullable(),
    permissions: z.array(z.string()),
    /** The platform operator (organisations and phone numbers). */
    operator: z.boolean(),
    csrfToken: z.string().nullable(),
    /** `required` and not `enabled`: every route but the account's own answers 403 until enrolled. */
    twoFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
    /** Every organisation this person belongs to (the designer's organisation switcher). */
    organisations: z.array(z.object({ id: z.string(), name: z.string(), role: Role })),
    vendors: z.object({ elevenLabsZeroRetention: z.boolean() }).openapi({
      description:
        'What this server turned on at the vendors: the processing record and the designer speak of it (ELEVENLABS_ZERO_RETENTION).',
    }),
  })
  .openapi('Me');

export const TokenSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.number(),
    lastUsedAt: z.number().nullable(),
  })
  .openapi('Token');

export const AuditEvent = z
  .object({
    id: z.string(),
    at: z.number(),
    actorType: z.enum(['user', 'token', 'system']),
    actorId: z.string().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
  })
  .openapi('AuditEvent');

export const HandoffTarget = z
  .object({
    id: z.string(),
    label: z.string(),
    number: z.string(),
    allowSpecial: z.boolean(),
  })
  .openapi('HandoffTarget');

/** A phone number in a request body; `toE164` (phone.ts) decides whether it is one. */
export const E164Body = z.string().min(3).max(20).openapi({ example: '+4930123456' });

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, jsonContent(ErrorBody, 'Error')]));

/** Path parameter: any string; unknown or malformed ids are answered 404 like foreign ones. */
const pathParam = (name: string) => z.string().openapi({ param: { name, in: 'path' } });
export const FlowParams = z.object({ id: pathParam('id') });
export const VersionParams = z.object({ id: pathParam('id'), v: pathParam('v') });
export const DiffParams = z.object({ id: pathParam('id'), a: pathParam('a'), b: pathParam('b') });
export const TokenParams = z.object({ id: pathParam('id') });
export const TargetParams = z.object({ id: pathParam('id') });
export const NumberParams = z.object({ number: pathParam('number') });
export const OrganisationParams = z.object({ id: pathParam('id') });
export const MemberParams = z.object({ userId: pathParam('userId') });

export const SECURITY: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
