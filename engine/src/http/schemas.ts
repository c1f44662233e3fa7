// Request and response shapes for the OpenAPI document. Flow documents stay `unknown` here on
// purpose: the flow loader validates them and answers with diagnostics, which say far more
// than a schema error could (and in German and English).
import { z } from '@hono/zod-openapi';
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

export const FlowSummary = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
    latestVersion: z.number().nullable(),
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
    user: z.object({ id: z.string(), email: z.string() }),
    tenant: z.object({ id: z.string(), name: z.string() }),
    role: Role,
    permissions: z.array(z.string()),
    csrfToken: z.string().nullable(),
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

export const SECURITY: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
