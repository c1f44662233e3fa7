// Validation without storing, the audit log and the flow templates.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { allow, principal, type AppEnv } from '../context';
import { AuditEvent, Diagnostics, errorResponses, FlowDocument, jsonContent, SECURITY } from '../schemas';

const validate = createRoute({
  method: 'post',
  path: '/api/validate',
  tags: ['flows'],
  security: SECURITY,
  summary:
    "Diagnostics for a posted flow document (nothing is stored); checked against the organisation's transfer targets",
  request: { body: { content: { 'application/json': { schema: FlowDocument } }, required: true } },
  responses: {
    200: jsonContent(
      z.object({ ok: z.boolean(), contentHash: z.string().nullable(), diagnostics: Diagnostics }),
      'Diagnostics',
    ),
    ...errorResponses(400, 401),
  },
});
const auditLog = createRoute({
  method: 'get',
  path: '/api/audit',
  tags: ['audit'],
  security: SECURITY,
  summary: 'Audit events, newest first (ids only, no content)',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).optional(),
      before: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .openapi({ description: 'Only events before this time (ms)' }),
    }),
  },
  responses: {
    200: jsonContent(z.object({ events: z.array(AuditEvent) }), 'Events'),
    ...errorResponses(400, 401, 403),
  },
});
const templates = createRoute({
  method: 'get',
  path: '/api/templates',
  tags: ['flows'],
  security: SECURITY,
  summary: 'Example flows to start from',
  responses: {
    200: jsonContent(
      z.object({ templates: z.array(z.object({ id: z.string(), name: z.string() })) }),
      'Templates',
    ),
    ...errorResponses(401),
  },
});

export function miscRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(validate, async (c) => {
    const p = principal(c);
    const { store, flowTools } = c.get('deps');
    const result = flowTools.load(c.req.valid('json'), await store.handoffTargets.list(p.tenantId));
    return c.json(
      {
        ok: result.ok,
        contentHash: result.ok ? result.compiled.contentHash : null,
        diagnostics: result.diagnostics,
      },
      200,
    );
  });

  app.openapi(auditLog, async (c) => {
    const p = allow(c, 'audit:read');
    const q = c.req.valid('query');
    const events = await c
      .get('deps')
      .store.audit.list(p.tenantId, { limit: q.limit ?? 100, before: q.before });
    return c.json({ events }, 200);
  });

  app.openapi(templates, async (c) => {
    principal(c);
    const list = [...c.get('deps').templates].map(([id, doc]) => ({
      id,
      name: typeof (doc as { name?: unknown }).name === 'string' ? (doc as { name: string }).name : id,
    }));
    return c.json({ templates: list }, 200);
  });
}
