// GET /metrics, outside /api (no session, no tenant): Prometheus scrapes it. Off unless the
// operator turns it on. With CALLFLOW_METRICS_TOKEN set, a scraper must send
// `Authorization: Bearer <token>`; with only CALLFLOW_METRICS=1, only loopback clients are
// answered — and never behind a trusted proxy (TRUST_PROXY=1), where every request arrives from
// loopback; there the token is required.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Env, Hono } from 'hono';
import type { ClusterBus } from '../cluster/bus';
import { instanceMetrics } from './instance';
import type { Metrics } from './registry';

export interface MetricsAccess {
  metrics: Metrics;
  /** Bearer token a scraper must present; when absent only loopback clients are answered. */
  token?: string;
  trustProxy: boolean;
  /** Several worker processes: a scrape answers for all of them (instance.ts). */
  siblings?: ClusterBus;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const digest = (s: string) => createHash('sha256').update(s).digest();

function permitted(
  access: MetricsAccess,
  authorization: string | undefined,
  remote: string | undefined,
): boolean {
  if (access.token !== undefined) {
    const sent = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    return sent !== undefined && timingSafeEqual(digest(sent), digest(access.token));
  }
  return !access.trustProxy && remote !== undefined && LOOPBACK.has(remote);
}

/** CALLFLOW_METRICS=1 or CALLFLOW_METRICS_TOKEN turn /metrics on. */
export function metricsSettings(env: Record<string, string | undefined>): {
  enabled: boolean;
  token?: string;
} {
  const token = env.CALLFLOW_METRICS_TOKEN?.trim() || undefined;
  return { enabled: env.CALLFLOW_METRICS === '1' || token !== undefined, ...(token ? { token } : {}) };
}

export function metricsRoute<E extends Env>(app: Hono<E>, access: MetricsAccess): void {
  app.get('/metrics', async (c) => {
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
      ?.socket?.remoteAddress;
    if (!permitted(access, c.req.header('Authorization'), remote))
      return c.text('Not found / Nicht gefunden\n', 404);
    const { registry } = access.metrics;
    const text = access.siblings
      ? await instanceMetrics(access.siblings, registry)
      : await registry.metrics();
    return c.body(text, 200, {
      'Content-Type': access.metrics.registry.contentType,
      'Cache-Control': 'no-store',
    });
  });
}
