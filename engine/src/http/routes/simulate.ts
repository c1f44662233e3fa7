// Test calls through the server: caller turns (the conversation-test turn format) run the
// flow's draft or a published version through the interpreter. With `live: true` the finished
// record then takes the same way as a phone call's — the sink the flow's settings choose
// (encrypted store or memory only), retention and delivery — marked as a test call. Nothing of
// the conversation is logged or audited (a zero-persistence test call must leave no row at all).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { randomUUID } from 'node:crypto';
import { summarizeRun } from '../../analytics/observe';
import { runScenario, Turn, type Scenario } from '../../flow/conversation/index';
import { allow, resolvedFlow, type AppEnv } from '../context';
import { ApiError } from '../errors';
import { CallRecordOrNull, coreObject, errorResponses, FlowParams, jsonContent, SECURITY } from '../schemas';
import { compiledFlowFor } from './privacy';

const Turns = Type.Array(Turn, { maxItems: 200 });

export const SimulateBody = z
  .object({
    version: z.union([z.number().int().min(1), z.literal('draft')]).optional(),
    turns: z
      .array(
        coreObject<Turn>('A caller turn (https://callflow.dev/schemas/conversation-test.v1.schema.json)'),
      )
      .max(200)
      .openapi({
        description: 'Caller turns (https://callflow.dev/schemas/conversation-test.v1.schema.json#turn)',
      }),
    live: z.boolean().optional().openapi({
      description: 'Send the finished record through the real sink, retention and delivery (marked test)',
    }),
    at: z
      .string()
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When the call starts (default: now)' }),
    callerNumber: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/)
      .optional(),
  })
  .openapi('SimulateRequest');

export const Simulated = z
  .object({
    heard: z.array(z.object({ who: z.enum(['bot', 'caller']), text: z.string(), turn: z.number() })),
    path: z.array(z.string()),
    outcome: z.string(),
    record: CallRecordOrNull,
    live: z.object({ txId: z.string(), stored: z.boolean() }).nullable(),
  })
  .openapi('SimulateResult');

export const simulate = createRoute({
  method: 'post',
  path: '/api/flows/{id}/simulate',
  tags: ['flows'],
  security: SECURITY,
  summary: 'Run a test call with scripted caller turns; live: through the real record sink and delivery',
  request: {
    params: FlowParams,
    body: { content: { 'application/json': { schema: SimulateBody } }, required: true },
  },
  responses: {
    200: jsonContent(Simulated, 'What the caller heard, the path and the record'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export function simulateRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(simulate, async (c) => {
    const flow = resolvedFlow(c);
    allow(c, 'flows:simulate');
    const body = c.req.valid('json');
    if (!Value.Check(Turns, body.turns)) {
      const issues = [...Value.Errors(Turns, body.turns)]
        .slice(0, 20)
        .map((e) => ({ path: e.path, code: 'invalid_turn' }));
      throw new ApiError(400, 'invalid_request', 'The request is not valid / Die Anfrage ist ungültig', {
        issues,
      });
    }
    const { records, now, analytics } = c.get('deps');
    const { compiled, version } = await compiledFlowFor(c, body.version);
    const scenario: Scenario = {
      name: 'simulate',
      call: {
        at: body.at ?? new Date(now()).toISOString(),
        ...(body.callerNumber ? { callerNumber: body.callerNumber } : {}),
      },
      turns: body.turns,
      expect: {},
    };
    const result = runScenario(compiled, scenario);
    // The runner numbers its calls test-1, test-2…; a live note needs an id of its own.
    const record = result.record
      ? { ...result.record, txId: `tx_${randomUUID().replaceAll('-', '')}` }
      : undefined;
    let live: { txId: string; stored: boolean } | null = null;
    if (body.live && record) {
      const { settings } = compiled.flow;
      await records.accept({
        tenantId: flow.tenantId,
        flowId: flow.id,
        flowVersion: version,
        record: { ...record, test: true },
        callerNumber: body.callerNumber,
        retention: settings.retention,
        zeroPersistence: settings.zeroPersistence,
        delivery: { inbox: settings.delivery.inbox, webhookUrl: settings.delivery.webhookUrl },
      });
      live = { txId: record.txId, stored: !settings.zeroPersistence };
      // Analytics: counters only (memory for zero persistence), as a test call — also on a
      // published version — so the dashboard never mistakes testing for real traffic.
      const summary = summarizeRun(compiled, result);
      if (summary)
        await analytics?.recordCall(
          {
            tenantId: flow.tenantId,
            flowId: flow.id,
            version,
            zeroPersistence: settings.zeroPersistence,
            source: 'test',
          },
          summary,
        );
    }
    return c.json(
      {
        heard: result.lines,
        path: result.path,
        outcome: record?.outcome ?? 'in-progress',
        record: record ?? null,
        live,
      },
      200,
    );
  });
}
