// POST /api/validate: the diagnostics of a posted flow document, checked against the
// organisation's transfer targets. Nothing is stored.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { principal, type AppEnv } from '../context';
import { Diagnostics, errorResponses, FlowDocument, jsonContent, SECURITY } from '../schemas';

export const validate = createRoute({
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

export function validateRoutes(app: OpenAPIHono<AppEnv>): void {
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
}
