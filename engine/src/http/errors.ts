// One error shape for every response: `{ error: { code, message, details } }`. Unknown failures
// become a generic 500 (the code of the error is logged, never its message or stack).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorCode, httpMethod, type Logger } from '../log/index';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The one answer for a resource that does not exist *for this tenant* — foreign ids included. */
export const notFound = (): ApiError => new ApiError(404, 'not_found', 'Not found / Nicht gefunden');

export const forbidden = (): ApiError =>
  new ApiError(403, 'forbidden', 'Your role does not allow this / Ihre Rolle erlaubt das nicht');

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, details: details ?? null } };
}

export function handleError(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status);
    // Hono's own HTTPExceptions (body limit, malformed JSON) carry a status we can expose.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return c.json(
        errorBody(status === 413 ? 'payload_too_large' : 'bad_request', 'Bad request'),
        status as ContentfulStatusCode,
      );
    }
    logger.error('http.unhandled', {
      code: errorCode(err),
      ...httpMethod(c.req.method),
      route: c.req.routePath,
    });
    return c.json(errorBody('internal', 'Internal error / Interner Fehler'), 500);
  };
}
