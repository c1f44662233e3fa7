// API tokens for integrators: shown once at creation, stored as a hash, limited by scopes that
// can never exceed the creating user's role.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { effectivePermissions, TOKEN_SCOPES } from '../../auth/permissions';
import { API_TOKEN_PREFIX, newSecret, sha256Hex } from '../../auth/secrets';
import { newId } from '../../store/ids';
import { allow, audit, principal, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { errorResponses, jsonContent, SECURITY, TokenParams, TokenSummary } from '../schemas';

const base = { tags: ['tokens'], security: SECURITY };
const CreateBody = z
  .object({
    name: z.string().min(1).max(100),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  })
  .openapi('CreateToken');

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/tokens',
  summary: 'API tokens of the organisation (without secrets)',
  responses: {
    200: jsonContent(z.object({ tokens: z.array(TokenSummary) }), 'Tokens'),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/tokens',
  summary: 'Create an API token; the secret is shown only in this answer',
  request: { body: { content: { 'application/json': { schema: CreateBody } }, required: true } },
  responses: {
    201: jsonContent(z.object({ token: TokenSummary, secret: z.string() }), 'Created'),
    ...errorResponses(400, 401, 403),
  },
});
const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/tokens/{id}',
  summary: 'Revoke an API token',
  request: { params: TokenParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
});

export function tokenRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const p = allow(c, 'tokens:write');
    const tokens = await c.get('deps').store.tokens.list(p.tenantId);
    return c.json({ tokens: tokens.map(({ tenantId: _t, userId: _u, ...t }) => t) }, 200);
  });

  app.openapi(create, async (c) => {
    const p = allow(c, 'tokens:write');
    if (p.kind === 'token')
      throw new ApiError(
        403,
        'forbidden',
        'Tokens cannot create tokens / Tokens können keine Tokens erzeugen',
      );
    const body = c.req.valid('json');
    const granted = effectivePermissions(p.role);
    const scopes = [...new Set(body.scopes)];
    if (scopes.some((s) => !granted.has(s))) {
      throw new ApiError(
        400,
        'token.scope-exceeds-role',
        'A scope exceeds your role / Ein Recht übersteigt Ihre Rolle',
      );
    }
    const secret = newSecret(API_TOKEN_PREFIX);
    const token = await c.get('deps').store.tokens.create(p.tenantId, {
      id: newId('tok'),
      userId: p.userId,
      name: body.name,
      scopes,
      secretHash: sha256Hex(secret),
    });
    await audit(c, 'token.create', 'token', token.id);
    const { tenantId: _t, userId: _u, ...view } = token;
    return c.json({ token: view, secret }, 201);
  });

  app.openapi(remove, async (c) => {
    const id = c.req.param('id') ?? '';
    const store = c.get('deps').store;
    // Resolve before authorizing: a foreign or unknown id is 404 for every role.
    const own = await store.tokens.list(principal(c).tenantId);
    if (!own.some((t) => t.id === id)) throw notFound();
    const p = allow(c, 'tokens:write');
    if (!(await store.tokens.delete(p.tenantId, id))) throw notFound();
    await audit(c, 'token.delete', 'token', id);
    return c.body(null, 204);
  });
}
