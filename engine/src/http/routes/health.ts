// Liveness (the process answers) and readiness: the database answers, the job queue answers, and
// no shutdown is under way. A load balancer sends new calls only to ready instances; a draining
// instance answers 503 at once so it is handed no new work.
import type { Hono } from 'hono';
import type { AppEnv } from '../context';

interface Check {
  ok: boolean;
  code?: string;
}

/** Never longer than this per check: a hanging database must not hang the probe. */
const CHECK_TIMEOUT_MS = 2_000;

async function bounded(check: () => Promise<Check>, code: string): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((r) => {
    timer = setTimeout(() => r({ ok: false, code }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().catch(() => ({ ok: false, code })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(app: Hono<AppEnv>): void {
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const deps = c.get('deps');
    const draining = deps.isDraining?.() ?? false;
    const [database, queue] = await Promise.all([
      bounded(
        async () => ((await deps.store.ping()) ? { ok: true } : { ok: false, code: 'database.unreachable' }),
        'database.unreachable',
      ),
      deps.jobsHealth ? bounded(deps.jobsHealth, 'jobs.unreachable') : Promise.resolve<Check>({ ok: true }),
    ]);
    const checks = {
      database,
      queue,
      shutdown: draining ? { ok: false, code: 'server.draining' } : { ok: true },
    };
    const ok = database.ok && queue.ok && !draining;
    return c.json({ ok, checks }, ok ? 200 : 503);
  });
}
