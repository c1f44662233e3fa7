// Security headers on every response. The CSP allows scripts only from our own origin (no inline
// scripts anywhere: the designer is a Vite build, the API docs initializer is a served file).
// Inline *styles* stay allowed because React Flow and Swagger UI position elements with them.
import type { MiddlewareHandler } from 'hono';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(publicBaseUrl: string): MiddlewareHandler {
  const https = publicBaseUrl.startsWith('https:');
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CSP);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), geolocation=(), microphone=(self)');
    if (https) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // API answers can carry personal data (call notes, accounts): never cache them anywhere.
    if (c.req.path.startsWith('/api/') && !c.req.path.startsWith('/api/docs/'))
      h.set('Cache-Control', 'no-store');
  };
}
