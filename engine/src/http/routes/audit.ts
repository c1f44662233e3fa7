// GET /api/audit: the organisation's audit log, newest first — ids and actions, never content.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { allow, type AppEnv } from '../context';
import { AuditEvent, errorResponses, jsonContent, SECURITY } from '../schemas';

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

export function auditRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(auditLog, async (c) => {
    const p = allow(c, 'audit:read');
    const q = c.req.valid('query');
    const events = await c
      .get('deps')
      .store.audit.list(p.tenantId, { limit: q.limit ?? 100, before: q.before });
    return c.json({ events }, 200);
  });
}
