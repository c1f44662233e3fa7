// The client's address for rate limiting. Forwarded headers are believed only when the operator
// said a trusted reverse proxy sits in front (TRUST_PROXY=1); otherwise anyone could forge them.
import type { Context } from 'hono';

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For');
    // The proxy appends the address it saw; the last entry is the one it vouches for.
    const last = forwarded?.split(',').pop()?.trim();
    if (last) return last;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
