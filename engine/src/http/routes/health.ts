// Liveness (the process answers) and readiness (the database answers and we are not draining).
import type { Hono } from 'hono';
import type { AppEnv } from '../context';

export function healthRoutes(app: Hono<AppEnv>): void {
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const deps = c.get('deps');
    const ready = !deps.isDraining?.() && (await deps.store.ping().catch(() => false));
    return c.json({ ok: ready }, ready ? 200 : 503);
  });
}
