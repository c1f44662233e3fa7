// Flow analytics (issue 10): per-day and per-node aggregates of finished calls, as JSON for the
// designer's overlay/dashboard and as CSV for spreadsheets. Viewer and up (`analytics:read`).
// Days with fewer than 5 calls come back as `{ suppressed: true }` (see analytics/report.ts).
// Phone calls only unless `source` says otherwise: test calls are not traffic.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { analyticsCsv } from '../../analytics/csv';
import { buildReport } from '../../analytics/report';
import { DRAFT_VERSION, type AnalyticsQuery, type CallSource } from '../../analytics/repository';
import { allow, resolvedFlow, type AppContext, type AppEnv } from '../context';
import { ApiError } from '../errors';
import { errorResponses, FlowParams, jsonContent, SECURITY } from '../schemas';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 800;
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Version = z.string().regex(/^(draft|0|[1-9][0-9]{0,8})$/);

export const Source = z.enum(['phone', 'test', 'all']);
const SOURCES: Record<z.infer<typeof Source>, readonly CallSource[] | undefined> = {
  phone: ['phone'],
  test: ['test'],
  all: undefined,
};

const Query = z.object({
  from: Day.optional().openapi({
    description: 'First day, YYYY-MM-DD in the flow’s time zone (default: 30 days before `to`)',
  }),
  to: Day.optional().openapi({ description: 'Last day, inclusive (default: today, UTC)' }),
  version: Version.optional().openapi({
    description: 'Only this published version ("draft" = test calls of the draft); all when absent',
  }),
  source: Source.optional().openapi({
    description:
      'Which calls: `phone` (default: real callers only), `test` (test calls through /simulate and the designer, ' +
      'including every draft call), or `all`. Test calls never lift a day over the "< 5" threshold.',
  }),
});
const CompareQuery = Query.extend({
  compare: Version.optional().openapi({
    description: 'A second version: its node counters come back under `compare`',
  }),
});

const Counts = z.record(z.string(), z.number());
export const NodeReport = z.object({
  node: z.string(),
  entered: z.number(),
  left: Counts,
  reprompts: z.number(),
  silences: z.number(),
  humanRequested: z.number(),
  triggers: Counts,
  hungUp: z.number(),
  fallbacks: z.number(),
  hangUpRate: z.number().nullable(),
  humanRate: z.number().nullable(),
});
export const DayReport = z.union([
  z.object({ day: z.string(), suppressed: z.literal(true) }),
  z.object({
    day: z.string(),
    suppressed: z.literal(false),
    calls: z.number(),
    partial: z.boolean().openapi({
      description: 'Some calls of the day are left out: a version with fewer than 5 calls that day',
    }),
    outcomes: z.object({
      delivered: z.number(),
      handedOff: z.number(),
      hungUp: z.number(),
      failed: z.number(),
    }),
    durationS: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
    engineLatencyMs: z.object({ median: z.number().nullable() }),
  }),
]);
export const Report = z.object({
  calls: z.number(),
  testCalls: z.number(),
  suppressedDays: z.number(),
  days: z.array(DayReport),
  nodes: z.array(NodeReport),
});
export const AnalyticsResult = Report.extend({
  from: z.string(),
  to: z.string(),
  source: Source,
  version: z.union([z.number(), z.literal('draft')]).nullable(),
  compare: Report.extend({ version: z.union([z.number(), z.literal('draft')]) }).nullable(),
}).openapi('FlowAnalytics');

export const analytics = createRoute({
  method: 'get',
  path: '/api/flows/{id}/analytics',
  tags: ['flows'],
  security: SECURITY,
  summary: 'Aggregate call analytics per day and node (no caller data; days under 5 calls suppressed)',
  request: { params: FlowParams, query: CompareQuery },
  responses: {
    200: jsonContent(AnalyticsResult, 'Per-day and per-node aggregates'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const analyticsCsvRoute = createRoute({
  method: 'get',
  path: '/api/flows/{id}/analytics.csv',
  tags: ['flows'],
  security: SECURITY,
  summary: 'The analytics as CSV (semicolon-separated, UTF-8 with BOM, German headers)',
  request: { params: FlowParams, query: Query },
  responses: {
    200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, one row per day and node' },
    ...errorResponses(400, 401, 403, 404),
  },
});

const versionNumber = (v: string): number => (v === 'draft' ? DRAFT_VERSION : Number(v));
const versionLabel = (v: string): number | 'draft' => (v === 'draft' ? 'draft' : Number(v));

function range(c: AppContext, q: { from?: string; to?: string }): { from: string; to: string } {
  const to = q.to ?? new Date(c.get('deps').now()).toISOString().slice(0, 10);
  const toMs = Date.parse(`${to}T00:00:00Z`);
  const from = q.from ?? new Date(toMs - DEFAULT_DAYS * DAY_MS).toISOString().slice(0, 10);
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  if (Number.isNaN(toMs) || Number.isNaN(fromMs) || fromMs > toMs || toMs - fromMs > MAX_DAYS * DAY_MS) {
    throw new ApiError(
      400,
      'invalid_request',
      'from/to must be days with from ≤ to, at most 800 days apart / Zeitraum ungültig',
    );
  }
  return { from, to };
}

async function fetchAggregates(c: AppContext, q: AnalyticsQuery) {
  const a = c.get('deps').analytics!;
  return Promise.all([a.days(q), a.counters(q)]);
}

export function analyticsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(analytics, async (c) => {
    const flow = resolvedFlow(c);
    allow(c, 'analytics:read');
    const q = c.req.valid('query');
    const source = q.source ?? 'phone';
    const base = {
      tenantId: flow.tenantId,
      flowId: flow.id,
      ...range(c, q),
      ...(SOURCES[source] ? { sources: SOURCES[source] } : {}),
    };
    const report = buildReport(
      ...(await fetchAggregates(c, {
        ...base,
        ...(q.version ? { versions: [versionNumber(q.version)] } : {}),
      })),
    );
    const compare = q.compare
      ? {
          version: versionLabel(q.compare),
          ...buildReport(...(await fetchAggregates(c, { ...base, versions: [versionNumber(q.compare)] }))),
        }
      : null;
    return c.json(
      {
        from: base.from,
        to: base.to,
        source,
        version: q.version ? versionLabel(q.version) : null,
        ...report,
        compare,
      },
      200,
    );
  });

  app.openapi(analyticsCsvRoute, async (c) => {
    const flow = resolvedFlow(c);
    allow(c, 'analytics:read');
    const q = c.req.valid('query');
    const source = q.source ?? 'phone';
    const base = {
      tenantId: flow.tenantId,
      flowId: flow.id,
      ...range(c, q),
      ...(SOURCES[source] ? { sources: SOURCES[source] } : {}),
    };
    const [days, counters] = await fetchAggregates(c, {
      ...base,
      ...(q.version ? { versions: [versionNumber(q.version)] } : {}),
    });
    return c.body(analyticsCsv(days, counters), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="analytics-${flow.id}-${base.from}-${base.to}.csv"`,
    });
  });
}
