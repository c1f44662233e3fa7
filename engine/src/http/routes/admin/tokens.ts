// Operator tokens: API tokens for administration only (the CLI's `callflow admin …`). They belong
// to no organisation and carry only the `admin` scope, so they can never read an organisation's
// data — even when the operator is also a member somewhere.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { OPERATOR_SCOPE } from '../../../auth/permissions';
import { API_TOKEN_PREFIX, newSecret, sha256Hex } from '../../../auth/secrets';
import { newId } from '../../../store/ids';
import type { ApiToken } from '../../../store/types';
import { operator, operatorAudit, type AppEnv } from '../../context';
import { notFound } from '../../errors';
import { errorResponses, jsonContent, SECURITY, TokenParams } from '../../schemas';
import { OperatorToken } from './schemas';

const base = { tags: ['admin'], security: SECURITY };

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/admin/tokens',
  summary: "Operator: the operator's own administration tokens (without secrets)",
  responses: {
    200: jsonContent(z.object({ tokens: z.array(OperatorToken) }), 'Tokens'),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/admin/tokens',
  summary: 'Operator: create an administration token; the secret is shown only in this answer',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ name: z.string().min(1).max(100) }).openapi('CreateOperatorToken'),
        },
      },
      required: true,
    },
  },
  responses: {
    201: jsonContent(z.object({ token: OperatorToken, secret: z.string() }), 'Created'),
    ...errorResponses(400, 401, 403),
  },
});
const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/admin/tokens/{id}',
  summary: 'Operator: revoke an administration token',
  request: { params: TokenParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
});

const view = (t: ApiToken) => ({ id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt });

export function adminTokenRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const o = operator(c);
    return c.json({ tokens: (await c.get('deps').store.tokens.listOperator(o.userId)).map(view) }, 200);
  });

  app.openapi(create, async (c) => {
    const o = operator(c);
    const secret = newSecret(API_TOKEN_PREFIX);
    const token = await c.get('deps').store.tokens.create(null, {
      id: newId('tok'),
      userId: o.userId,
      name: c.req.valid('json').name,
      scopes: [OPERATOR_SCOPE],
      secretHash: sha256Hex(secret),
    });
    await operatorAudit(c, 'token.create', { type: 'token', id: token.id, tenantId: null });
    return c.json({ token: view(token), secret }, 201);
  });

  app.openapi(remove, async (c) => {
    const o = operator(c);
    const id = c.req.valid('param').id;
    if (!(await c.get('deps').store.tokens.deleteOperator(o.userId, id))) throw notFound();
    await operatorAudit(c, 'token.delete', { type: 'token', id, tenantId: null });
    return c.body(null, 204);
  });
}
