// One PII-free line per request: method, route *pattern*, status, duration, request id.
import type { MiddlewareHandler } from 'hono';
import { randomBytes } from 'node:crypto';
import { httpMethod } from '../../log/index';
import type { AppEnv } from '../context';

export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    c.set('requestId', `req_${randomBytes(9).toString('base64url')}`);
    await next();
    const deps = c.get('deps');
    const status = c.res.status;
    const fields = {
      ...httpMethod(c.req.method),
      route: c.req.routePath,
      status,
      requestId: c.get('requestId'),
      ms: Math.round(performance.now() - started),
      tenantId: c.get('principal')?.tenantId,
    };
    if (status >= 500) deps.logger.error('http.request', { ...fields, outcome: 'error' });
    else deps.logger.debug('http.request', { ...fields, outcome: status >= 400 ? 'rejected' : 'ok' });
  };
}
