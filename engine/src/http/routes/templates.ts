// GET /api/templates: the example flows a new flow can start from (id and name; POST /api/flows
// with `{ template }` copies one).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { BLANK_TEMPLATE_ID } from '../../flow/format/blank';
import { principal, type AppEnv } from '../context';
import { errorResponses, jsonContent, SECURITY } from '../schemas';

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

export function templateRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(templates, async (c) => {
    principal(c);
    const list = [...c.get('deps').templates].map(([id, doc]) => ({
      id,
      name: typeof (doc as { name?: unknown }).name === 'string' ? (doc as { name: string }).name : id,
    }));
    // The blank flow is built per organisation (its transfer rings the first target), not read from a file.
    list.push({ id: BLANK_TEMPLATE_ID, name: 'Leerer Anrufablauf' });
    return c.json({ templates: list }, 200);
  });
}
